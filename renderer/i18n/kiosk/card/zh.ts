import type { KioskStrings } from '../en.ts';

/**
 * Card issuing strings in Simplified Chinese. Chinese has no plural forms; the `_one` keys are
 * kept so every language has the same keys.
 */
export const cardZh: KioskStrings['card'] = {
  cancel: '取消',
  back: '返回',
  finish: '完成',
  unavailable: '本机暂未开通',
  chooseMethod: {
    title: '请选择查找办卡申请的方式',
    methods: {
      orderCode: { label: '输入申请码', detail: '手机银行中的 8 位申请码' },
      qr: { label: '扫描二维码', detail: '出示手机银行中的二维码' },
      idScan: { label: '扫描身份证件', detail: '身份证或护照' },
    },
  },
  enterCode: {
    title: '请输入申请码',
    hint: '申请码可在手机银行的办卡申请中找到，共 8 位字母和数字，不含 0 和 1。',
    typedLabel: '申请码',
    nothingTyped: '尚未输入',
    delete: '删除',
    continue: '继续',
    attemptsLeft_one: '您还可以再试 {{count}} 次。',
    attemptsLeft_other: '您还可以再试 {{count}} 次。',
  },
  lookingUp: {
    title: '正在查找您的申请…',
    message: '正在向银行查询您的办卡申请。',
  },
  confirmOrder: {
    title: '您的办卡申请',
    holderLabel: '持卡人',
    productLabel: '卡种',
    products: { debit: '借记卡' },
    nextTitle: '接下来',
    nextTime: '制卡大约需要 1 分钟。',
    nextWatch: '您可以在屏幕上看到制卡的每一步。',
    nextSlot: '卡片将从出卡口送出，请在屏幕提示后及时取走。',
    print: '开始制卡',
  },
  awaitingTeller: {
    title: '您的银行卡需要柜员批准',
    message: '正在为您连接柜员…',
  },
  approving: {
    title: '正在准备您的卡…',
    message: '银行正在审批并为您的卡分配卡号。',
  },
  producing: {
    title: '正在为您制卡',
    phasesLabel: '制卡进度',
    phases: {
      picking: '取出空白卡',
      encoding: '写入磁条',
      printing: '打印卡面信息',
      ejecting: '送至出卡口',
    },
    rejecting: '机器正在移除一张有问题的卡片。',
  },
  cardGraphic: {
    label: '您的新卡，尾号 {{last4}}',
    labelNoNumber: '您的新卡',
    debit: '借记卡',
    validThru: '有效期至',
  },
  presenting: {
    title: '请立即取卡',
    message: '您的卡已送至出卡口。',
    countdown_one: '如 {{count}} 秒内未取走，为保障您的安全，机器将回收卡片。',
    countdown_other: '如 {{count}} 秒内未取走，为保障您的安全，机器将回收卡片。',
    slot: '出卡口',
  },
  completing: {
    title: '正在完成…',
    message: '正在登记您的新卡。',
  },
  done: {
    title: '您的卡已办好',
    issued: '尾号为 {{last4}} 的借记卡已成功发放。',
    nextTitle: '下一步',
    activate: '使用前，请在手机银行中激活此卡。',
  },
  offerMail: {
    title: '目前无法在本机制卡',
    offer: '我们可以将卡片邮寄到您申请中填写的地址。',
    mail: '邮寄给我',
  },
  requestingMail: {
    title: '正在申请邮寄…',
    message: '正在登记您的申请。',
  },
  mailRequested: {
    title: '您的卡将通过邮寄送达',
    message: '卡片将寄往您申请中填写的地址。',
    activate: '收到后，请在手机银行中激活。',
  },
  failed: {
    title: '抱歉，未能为您发卡',
    generic: '办理过程中出现了问题。',
    destroyed: '该卡片已在机器内销毁，卡号永久失效，任何人都无法使用。',
    mailOffer: '我们可以将新卡邮寄到您申请中填写的地址。',
    mail: '邮寄新卡给我',
    helpTitle: '如何获得帮助',
    teller: '呼叫柜员',
    staff: '请向网点工作人员求助。',
    app: '或通过手机银行联系我们。',
  },
  cancelled: {
    title: '已取消办卡',
    message: '未制作任何卡片，一切保持不变。',
  },
  receipt: {
    printing: '正在打印您的凭条…',
    printed: '请取走您的凭条。',
    unavailable: '凭条打印机不可用，本次没有凭条。',
    failed: '您的凭条未能打印。',
  },
  message: {
    orderNotFound: '未找到该申请码对应的办卡申请，请核对后重新输入。',
    noOrderForDocument: '未找到与此证件对应的办卡申请。如果您已在手机银行中申请，可以输入申请码。',
    orderNotOpen: '该申请已无法制卡：卡片已发放或已邮寄，或申请已取消。',
    orderInProgress: '该申请的卡片正在制作中，或银行正在核实。请几分钟后再试，或寻求帮助。',
    orderExpired: '该申请已过期，您可以在手机银行重新申请。',
    declined: '银行未批准发卡。',
    offline: '本机目前无法连接银行。',
    printerUnavailable: '制卡机暂不可用。',
    retrying: '第一张卡片出现问题，已在机器内销毁，任何人都无法使用。正在为您重新制作一张新卡。',
    cardSpoiled: '制卡过程中出现了问题。',
    cardRetained: '卡片未在规定时间内取走，已被机器回收。',
    interrupted: '制卡过程中制卡机停止了工作。',
    tellerRejected: '柜员未批准此卡。',
    tellerUnavailable: '目前没有柜员可以批准您的银行卡。',
  },
};
