import type { KioskStrings } from '../en.ts';

/**
 * Video teller call strings in Simplified Chinese. Chinese has no plural forms; the `_one` keys
 * are kept so every language has the same keys.
 */
export const callZh: KioskStrings['call'] = {
  needHelp: '需要帮助？',
  needHelpDetail: '与柜员视频通话',
  consent: {
    title: '与柜员视频通话',
    message: '柜员将能看到并听到您。通话不会被录制。',
    accept: '开始视频通话',
    decline: '暂不需要',
  },
  requesting: {
    title: '正在呼叫柜员…',
  },
  queued: {
    title: '正在等待柜员',
    position: '您排在第 {{position}} 位',
    eta_one: '大约 {{count}} 分钟',
    eta_other: '大约 {{count}} 分钟',
    etaUnknown: '正在为您寻找柜员',
    keepUsing: '等待期间您可以继续使用本机。',
    cancel: '取消',
  },
  callbackOffer: {
    title: '暂时没有空闲的柜员',
    message: '我们也可以稍后给您回电。',
    callback: '请给我回电',
    keepWaiting: '继续等待',
    cancel: '取消',
  },
  callbackPhone: {
    title: '您的电话号码',
    hint: '请输入回电号码（6 至 15 位数字）。',
    typedLabel: '电话号码',
    nothingTyped: '尚未输入',
    delete: '删除',
    send: '发送',
    back: '返回',
  },
  callbackSending: {
    title: '正在发送您的请求…',
  },
  callbackRecorded: {
    title: '我们会给您回电',
    message: '柜员会尽快给您回电。',
    ok: '确定',
  },
  ringing: {
    title: '柜员正在接听…',
  },
  connecting: {
    title: '正在连接视频…',
  },
  reconnecting: {
    title: '连接中断，正在重新连接…',
  },
  panel: {
    label: '与柜员视频通话',
    teller: '柜员：{{name}}',
    tellerUnnamed: '您的柜员',
    remoteVideo: '柜员的视频',
    ownVideo: '您的摄像头',
    mute: '静音',
    unmute: '取消静音',
    muted: '您的麦克风已关闭。',
    end: '结束通话',
    cameraUnavailable:
      '您的摄像头和麦克风不可用：柜员看不到也听不到您，因此无法通话。您仍然可以看到柜员并阅读柜员的消息。',
    approvalPending: '正在等待柜员批准…',
    notesTitle: '柜员消息',
    yes: '是',
    no: '否',
    answered: {
      yes: '您的回答：是',
      no: '您的回答：否',
    },
  },
  idScan: {
    title: '柜员请求查看您的身份证件',
    message: '证件仅在本次通话中向柜员展示。',
    accept: '出示我的证件',
    decline: '不出示',
    cancel: '不出示',
    sharing: '正在将您的证件发送给柜员…',
    shared: '柜员现在可以看到您的证件。',
    declined: '您的证件未向柜员展示。',
    failed: '无法向柜员展示您的证件。',
  },
  ended: {
    title: '通话已结束',
    reasons: {
      customerEnded: '您结束了通话。',
      tellerEnded: '柜员结束了通话。',
      callback: '柜员会给您回电。',
      kioskLost: '本机与银行的连接中断。',
      tellerLost: '柜员的连接中断。',
      sessionEnded: '通话随您的服务一起结束。',
      backendEnded: '银行结束了通话。',
      unavailable: '无法联系到柜员。',
    },
    ok: '确定',
  },
  unavailable: {
    title: '目前没有可用的柜员',
    message: '请稍后再试，或咨询网点工作人员。',
    ok: '确定',
  },
};
