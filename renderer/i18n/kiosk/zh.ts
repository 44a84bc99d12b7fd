import type { KioskStrings } from './en.ts';

/**
 * Kiosk UI strings in Simplified Chinese. Chinese has no plural forms; `countdown_one` is kept
 * so every language has the same keys.
 */
export const zh: KioskStrings = {
  languageName: '中文',
  attract: {
    welcome: '欢迎',
    start: '点击开始',
  },
  language: {
    title: '请选择语言',
    back: '返回',
  },
  menu: {
    title: '请问您要办理什么业务？',
    finish: '结束',
    offlineNotice: '离线工作中：需要连接银行的业务在恢复连接前暂不可用。',
    unavailable: {
      notBuilt: '暂未开放',
      deviceDown: '暂时无法使用',
      offline: '需要连接银行',
    },
  },
  flows: {
    cardIssuing: '办理借记卡',
    accountOpening: '开立账户',
    cashDeposit: '存入现金',
    cashWithdrawal: '提取现金',
    videoTeller: '与柜员视频通话',
  },
  flow: {
    step: '步骤：{{step}}',
    back: '返回',
  },
  goodbye: {
    title: '谢谢',
    receipt: {
      printing: '正在打印您的凭条…',
      printed: '请取走您的凭条',
      unavailable: '凭条打印机不可用，本次没有凭条',
      failed: '您的凭条未能打印',
    },
  },
  outOfService: {
    title: '抱歉',
    message: '本机暂停服务，请稍后再来。',
  },
  starting: {
    title: '正在准备…',
  },
  timeout: {
    title: '您需要更多时间吗？',
    countdown_one: '本次服务将在 {{count}} 秒后结束',
    countdown_other: '本次服务将在 {{count}} 秒后结束',
    moreTime: '是，需要更多时间',
    finish: '不用，结束',
  },
  disconnected: {
    title: '请稍候…',
    message: '本机正在重新连接。',
  },
};
