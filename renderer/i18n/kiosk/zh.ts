import { cardZh } from './card/zh.ts';
import { callZh } from './call/zh.ts';
import { identifyZh } from './identify/zh.ts';
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
  deposit: {
    cancel: '取消',
    account: {
      title: '请问存入哪个账户？',
      hint: '请输入账号（6 至 20 位数字）。',
      typedLabel: '账号',
      nothingTyped: '尚未输入',
      delete: '删除',
      continue: '继续',
    },
    verifying: {
      title: '正在核对账户…',
    },
    confirmHolder: {
      title: '这是您的账户吗？',
      account: '账户 {{account}}',
      yes: '是的',
      no: '不是',
    },
    inserting: {
      title: '请放入现金',
      instruction: '纸币请逐张放入，硬币可直接投入。',
      totalLabel: '已清点金额',
      notes: '纸币',
      coins: '硬币',
      countLine: '{{count}} × {{amount}}',
      nothingYet: '尚未清点任何现金。',
      offlineLimit: '离线工作中：本次存款最多 {{amount}}。',
      keptIfCancelled: '已清点的现金无法退还：如果取消，{{amount}} 仍会存入您的账户。',
      done: '完成',
    },
    escrow: {
      title: '{{amount}} 纸币',
      question: '是否存入这张纸币？',
      add: '存入',
      giveBack: '退还给我',
    },
    routing: {
      title: '请稍候…',
      message: '正在处理您的纸币。',
    },
    confirming: {
      title: '请核对您的存款',
      account: '存入账户 {{account}}',
      totalLabel: '合计',
      deposit: '存入 {{amount}}',
    },
    completing: {
      title: '正在记录您的存款…',
    },
    done: {
      title: '存款已记录',
      titleCancelled: '存款已取消：已清点的现金已记录',
      credited: '{{amount}} 已存入账户 {{account}}。',
      creditedOffline: '本机与银行恢复连接后，{{amount}} 将存入账户 {{account}}。',
    },
    cancelled: {
      title: '存款已取消',
      message: '未存入任何款项。请确认您已取回全部现金。',
    },
    interrupted: {
      title: '存款已中断',
      credited: '故障前已清点的 {{amount}} 已存入账户 {{account}}。',
      creditedOffline: '本机恢复连接后，故障前已清点的 {{amount}} 将存入账户 {{account}}。',
      nothingCounted: '未清点任何现金。',
      staff: '如有纸币未退还给您，请联系网点工作人员。',
    },
    receipt: {
      printing: '正在打印您的凭条…',
      printed: '请取走您的凭条。',
      unavailable: '凭条打印机不可用，本次没有凭条。',
      failed: '您的凭条未能打印。',
    },
    message: {
      accountNotFound: '未找到该账户，请核对账号后重试。',
      holderRejected: '请输入您要存入的账户号码。',
      noteRejected: '无法接受这张纸币，请取回。',
      fraud: '纸币识别器发现可疑纸币，已停止工作。',
      jam: '有纸币卡在识别器中。',
      stackerFull: '本机无法再存放纸币。',
      limitNoteGivenBack: '这张纸币会使本次存款超过离线限额，因此予以退还。',
      limitReached: '本次存款已达到离线限额，无法再存入现金。',
      deviceDown: '现金识别器已停止工作。',
      noteReturned: '您的纸币已退还，请取回。',
      offlineDeposit: '暂时无法连接银行：无法核对账户持有人，存款将在本机恢复连接后入账。',
    },
  },
  card: cardZh,
  identify: identifyZh,
  call: callZh,
  disconnected: {
    title: '请稍候…',
    message: '本机正在重新连接。',
  },
};
