/** The Rasa channel an assistant's Rasa speaks through (rasa/channels/): replies in the answer, or by callback. */
export type RasaMode = 'rest' | 'callback';

/** How much Rasa is told about the visitor with each message (see conversation/turns/visitorContext.ts). */
export type VisitorContextLevel = 'none' | 'basic' | 'everything';
