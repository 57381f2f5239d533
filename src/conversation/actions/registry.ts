import { backToBot } from './backToBot';
import { closeChat } from './closeChat';
import { handover } from './handover';
import { sendMessage } from './sendMessage';
import { triggerIntent } from './triggerIntent';
import type { Action } from '../engine/Conversation';

/**
 * The one list of what callers can ask for, through the incoming API or a Rasa custom payload. A new action is a
 * module here (and, where it needs one, a method of the Omnichannel port). The conversation layer receives the list
 * through its context (context/createConversation), so modules that deliver replies need not import the actions.
 */
export const ACTIONS: ReadonlyArray<Action> = [closeChat, handover, sendMessage, triggerIntent, backToBot];
