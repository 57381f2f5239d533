import type { Session } from '../../omnichannel/IOmnichannel';
import type { ChatEvent } from '../../shared/chatEvents';
import type { VisitorContextLevel } from '../../shared/modes';

/**
 * The metadata sent to Rasa with every message (REST: Rasa keeps it in tracker.latest_message["metadata"]): as much
 * of the visitor and the chat as the admin chose, read from the room the turn just read, never the visitor's token.
 * - none: nothing (an event's own details still go);
 * - basic: the room, its department, the visitor's name and username, the chat's source, who serves it;
 * - everything: also the visitor's email, phone and livechat custom fields.
 */
export function metadataFor(
	session: Session,
	level: VisitorContextLevel,
	event?: ChatEvent,
): Record<string, unknown> | undefined {
	const happened = event
		? {
				event: {
					type: event.type,
					...(event.closedBy ? { closedBy: event.closedBy } : {}),
					...(event.transcript ? { transcript: event.transcript } : {}),
				},
			}
		: {};
	if (level === 'none') {
		return event ? happened : undefined;
	}
	const context = session.context ?? {};
	const visitor = {
		...(session.visitorName ? { name: session.visitorName } : {}),
		...(context.visitorUsername ? { username: context.visitorUsername } : {}),
		...(level === 'everything'
			? {
					...(context.visitorEmail ? { email: context.visitorEmail } : {}),
					...(context.visitorPhone ? { phone: context.visitorPhone } : {}),
					...(context.customFields ? { customFields: { ...context.customFields } } : {}),
				}
			: {}),
	};
	return {
		roomId: session.id,
		...(session.departmentId
			? {
					department: { id: session.departmentId, ...(context.departmentName ? { name: context.departmentName } : {}) },
				}
			: {}),
		visitor,
		...(context.source ? { source: context.source } : {}),
		...(session.servedByUsername ? { agent: { username: session.servedByUsername } } : {}),
		...happened,
	};
}
