// The verbs the cards put on their buttons (`verb` of Action.Execute, and of the Action.Submit
// fallback). The templates (cards/*.json) write them out; this is the list the bot's registry
// (bot/chat/registry.ts) gives one handler each, and the tests hold the templates to.
export const VERB = {
  actionView: 'action.view',
  actionHistory: 'action.history',
  actionReply: 'action.reply',
  actionDelegate: 'action.delegate',
  actionTakeBack: 'action.takeBack',
  actionDischarge: 'action.discharge',
  actionCarryForward: 'action.carryForward',
  actionReopen: 'action.reopen',
  outstandingView: 'outstanding.view',
  summaryView: 'summary.view',
  questionView: 'question.view',
  questionDraft: 'question.draft',
  questionSubmit: 'question.submit',
  questionAnswered: 'question.answered',
  questionCarryForward: 'question.carryForward',
  questionDelegate: 'question.delegate',
  questionTakeBack: 'question.takeBack',
  reviewApply: 'review.apply',
  pasteSubmit: 'paste.submit',
  minutesImport: 'minutes.import',
  minutesCancel: 'minutes.cancel',
} as const;

export type CardVerb = (typeof VERB)[keyof typeof VERB];

export const CARD_VERBS: readonly CardVerb[] = Object.values(VERB);
