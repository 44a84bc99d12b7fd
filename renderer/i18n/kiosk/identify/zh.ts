import type { KioskStrings } from '../en.ts';

/**
 * Identify-customer strings in Simplified Chinese. Chinese has no plural forms; the `_one` keys
 * are kept so every language has the same keys.
 */
export const identifyZh: KioskStrings['identify'] = {
  back: '返回',
  otherWay: '选择其他方式',
  scanAgain: '重新扫描',
  attemptsLeft_one: '您还可以再试 {{count}} 次。',
  attemptsLeft_other: '您还可以再试 {{count}} 次。',
  waiting: {
    title: '请稍候…',
  },
  placeDocument: {
    title: '请将护照或身份证件放在扫描仪上',
    open: '护照请翻到照片页；身份证件请使用带照片的一面。',
    faceDown: '照片面朝下，平放在玻璃上。',
    edge: '让页面底部由字母和 <<< 符号组成的几行字靠近扫描仪上标记的边缘。',
    still: '请勿移动，读取会自动开始。',
    illustration: '证件照片面朝下放在扫描仪玻璃上，字符行靠近标记的边缘',
  },
  reading: {
    title: '正在读取您的证件…',
    message: '请勿移动证件。',
  },
  rescan: {
    title: '未能读取您的证件',
    tip: '请将证件平放，照片面朝下，字符行靠近标记的边缘。',
    titleQr: '此二维码无法使用',
    tipQr: '请在手机银行中重新打开二维码，并在扫描仪下方保持不动。',
  },
  confirmDocument: {
    title: '这是您本人吗？',
    intro: '请核对从您的证件中读取的信息。',
    surname: '姓',
    givenNames: '名',
    kind: '证件',
    kinds: {
      passport: '护照',
      idCard: '身份证件',
      other: '身份证明文件',
    },
    number: '证件号码',
    nationality: '国籍',
    birthDate: '出生日期',
    expiryDate: '有效期至',
    confirm: '是我本人',
    wrong: '不是，重新扫描',
    takeBack: '请记得取回您的证件。',
  },
  scanQr: {
    title: '请出示手机银行中的二维码',
    open: '打开手机银行，在手机屏幕上显示二维码。',
    hold: '将手机屏幕朝下，置于扫描窗口上方约 10 厘米处。',
    still: '听到提示音前请保持不动。',
    illustration: '手机屏幕朝下置于扫描窗口上方，屏幕上显示二维码',
  },
  verifyingQr: {
    title: '正在核验您的二维码…',
    message: '请稍候片刻。',
  },
  failed: {
    title: '未能确认您的身份',
    generic: '本次身份识别未能完成。',
    helpTitle: '如何获得帮助',
    teller: '呼叫柜员',
    unavailable: '本机暂未开通',
    staff: '请向网点工作人员求助，他们可以核验您的证件。',
    helpLine: '或拨打手机银行中显示的客服热线。',
  },
  message: {
    unreadable: '未能在您的证件上找到字符行。',
    notCertain: '未能准确读取所有字符。',
    noDocument: '扫描仪上未检测到证件。',
    documentExpired: '此证件已过期，请使用有效的护照或身份证件。',
    scannerUnavailable: '扫描仪目前无法使用。',
    tooManyAttempts: '已尝试多次，仍未能读取。',
    qrForged: '此二维码无效：并非银行签发，或已被篡改。',
    qrExpired: '此二维码已过期，请在手机银行中重新获取。',
    qrWrongKind: '此二维码用于其他业务。',
    qrUnknown: '这不是手机银行的二维码。',
    noCode: '未检测到二维码。',
  },
};
