// What the telemetry says about an incoming activity: its type, its name and the kind of conversation
// it came from, each one of a fixed list (anything else is 'other'). Never its text, its value, or who
// sent it: a message can hold exempt business, and the sender is a person.
import { ActivityTypes, type Activity } from 'botbuilder';
import { bounded, type Facts } from '../telemetry/spans.ts';

/** The invoke and event names Teams sends to a bot (botbuilder's TeamsActivityHandler routes these). */
const NAMES = [
  'adaptiveCard/action',
  'fileConsent/invoke',
  'actionableMessage/executeAction',
  'composeExtension/query',
  'composeExtension/queryLink',
  'composeExtension/selectItem',
  'composeExtension/submitAction',
  'composeExtension/fetchTask',
  'composeExtension/querySettingUrl',
  'composeExtension/setting',
  'composeExtension/onCardButtonClicked',
  'config/fetch',
  'config/submit',
  'task/fetch',
  'task/submit',
  'tab/fetch',
  'tab/submit',
  'signin/verifyState',
  'signin/tokenExchange',
  'application/vnd.microsoft.readReceipt',
  'application/vnd.microsoft.meetingStart',
  'application/vnd.microsoft.meetingEnd',
] as const;

const CONVERSATION_TYPES = ['personal', 'channel', 'groupChat'] as const;

export function activityFacts(activity: Partial<Activity>): Facts {
  return {
    'teams.activity.type': bounded(activity.type, Object.values(ActivityTypes)),
    ...(activity.name !== undefined ? { 'teams.activity.name': bounded(activity.name, NAMES) } : {}),
    'teams.conversation.type': bounded(activity.conversation?.conversationType, CONVERSATION_TYPES),
  };
}
