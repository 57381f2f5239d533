/** Records of the in-memory workspace, in Rocket.Chat's database shapes (the ones its REST API returns). */

export type UserRecord = {
	_id: string;
	username: string;
	name: string;
	emails: Array<{ address: string; verified: boolean }>;
	roles: string[];
	type: 'user' | 'bot' | 'app';
	active: boolean;
	/** online | away | busy | offline */
	status: string;
	/** available | not-available (agents only) */
	statusLivechat?: 'available' | 'not-available' | 'unavailable';
	passwordHash?: string;
	/** sha256(token), base64: Rocket.Chat stores only hashed login tokens. */
	loginTokens: Array<{ hashedToken: string; when: Date }>;
	createdAt: Date;
	appId?: string;
	/** Chats ever routed to this agent: a counter that only goes up, which routing orders agents by. */
	livechatCount?: number;
};

export type DepartmentRecord = {
	_id: string;
	name: string;
	enabled: boolean;
	showOnRegistration: boolean;
	showOnOfflineForm: boolean;
	email?: string;
	agentIds: string[];
	/** Per agent, chats routed to them through this department (LivechatDepartmentAgents.count). */
	agentCounts?: Record<string, number>;
	/** The other fields a department was saved with (description, forwarding options...), kept and answered as given. */
	extra?: Record<string, unknown>;
	_updatedAt: Date;
};

export type VisitorRecord = {
	_id: string;
	token: string;
	username: string;
	name?: string;
	department?: string;
	email?: string;
	phone?: string;
	/** Livechat custom fields of the visitor (Rocket.Chat's livechatData). */
	livechatData?: Record<string, string>;
	ts: Date;
};

export type RoomRecord = {
	_id: string;
	t: 'l';
	fname: string;
	/** Rocket.Chat unsets `open` when a room closes. */
	open?: true;
	v: { _id: string; token: string; username: string };
	servedBy?: { _id: string; username: string; ts: Date };
	departmentId?: string;
	ts: Date;
	closedAt?: Date;
	closer?: 'user' | 'visitor';
	closedBy?: { _id: string; username: string };
	closeComment?: string;
	msgs: number;
	/** The newest message, whole, as Rocket.Chat keeps it on the room. */
	lastMessage?: MessageRecord;
	onHold?: boolean;
	/**
	 * Where the chat came from (createLivechatRoom's roomInfo.source): the widget, the REST API, or an app that wrote a
	 * visitor's message into a closed chat.
	 */
	source: RoomSource;
};

export type RoomSource =
	| { type: 'widget' }
	| { type: 'api' }
	| { type: 'app'; id: string; alias: string }
	| { type: 'other'; alias: string };

export type MessageRecord = {
	_id: string;
	rid: string;
	msg: string;
	ts: Date;
	u: { _id: string; username: string; name?: string };
	/** System message type, e.g. livechat-started, livechat-close, livechat_transfer_history. */
	t?: string;
	groupable?: boolean;
	token?: string;
	attachments?: unknown[];
	blocks?: unknown[];
	editedAt?: Date;
	editedBy?: { _id: string; username: string };
	customFields?: Record<string, unknown>;
	/** On livechat_transfer_history messages: what Rocket.Chat's saveTransferHistory records. */
	transferData?: TransferData;
	/** A file message's file (deprecated in Rocket.Chat in favour of `files`, still written). */
	file?: FileProp;
	files?: FileProp[];
	/** The name shown for the sender; a livechat visitor's messages carry the visitor's name. */
	alias?: string;
	_updatedAt: Date;
};

/** A message's file as Rocket.Chat stores it (FileProp); users' file messages add size, format and typeGroup. */
export type FileProp = {
	_id: string;
	name: string;
	type: string;
	size?: number;
	format?: string;
	typeGroup?: string;
};

/**
 * An upload (the `rocketchat_uploads` collection) as the Uploads store leaves it (FileUploadClass.insert, ufs-store's
 * write): the details it was inserted with, the store, and what completing the write sets. A visitor's upload carries
 * the visitor's token instead of a user.
 */
export type UploadRecord = {
	_id: string;
	name: string;
	size: number;
	type: string;
	rid: string;
	userId?: string;
	visitorToken?: string;
	store: 'GridFS:Uploads';
	complete: boolean;
	uploading: boolean;
	progress: number;
	etag: string;
	/** `/ufs/GridFS:Uploads/<id>/<name>`, the file's address on UploadFS's own (deprecated) route. */
	path: string;
	/** The same on the workspace's address. */
	url: string;
	token: string;
	uploadedAt: Date;
	_updatedAt: Date;
	/** What sharp reads of an image (FileUpload.uploadsOnValidate). */
	identify?: { format: string; size?: { width: number; height: number } };
	/** The type's first part, set when a user's file message completes it (Uploads.updateFileComplete). */
	typeGroup?: string;
};

export type TransferData = {
	transferredBy: { _id: string; username: string; name?: string; type: string };
	ts: Date;
	scope: 'department' | 'agent' | 'queue';
	comment?: string;
	previousDepartment?: string;
	nextDepartment?: { _id: string; name: string };
	transferredTo?: { _id: string; username: string; name?: string };
};

/**
 * Rocket.Chat keeps one inquiry per open livechat room, from its creation (queued or ready) through its routing
 * (taken) until the room closes, when it is removed.
 */
export type InquiryRecord = {
	_id: string;
	rid: string;
	department?: string;
	status: 'queued' | 'ready' | 'taken';
	ts: Date;
	/** The room's last message while a queue shows it (save-last-message-to-inquiry). */
	lastMessage?: MessageRecord;
	_updatedAt?: Date;
};

/** Workspace settings the sandbox models, with Rocket.Chat's ids and defaults. */
export type WorkspaceSettings = {
	Livechat_enabled: boolean;
	Livechat_assign_new_conversation_to_bot: boolean;
	Livechat_Routing_Method: 'Auto_Selection' | 'Manual_Selection';
	Livechat_request_comment_when_closing_conversation: boolean;
	/** Whether departments may be removed (DELETE livechat/department/:_id); off by default. */
	Omnichannel_enable_department_removal: boolean;
	/** Whether livechat/room.closeByUser may force-close a conversation (even a closed one); off by default. */
	Omnichannel_allow_force_close_conversations: boolean;
	Livechat_accept_chats_with_no_agents: boolean;
	Message_CustomFields_Enabled: boolean;
	/** A JSON schema for messages' customFields (Rocket.Chat's default asks for a "priority"). */
	Message_CustomFields: string;
	/** The longest message text (characters) users and apps may send. */
	Message_MaxAllowedSize: number;
	/** The workspace's public address. */
	Site_Url: string;
};
