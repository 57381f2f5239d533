/** Rocket.Chat's REST API as a browser client uses it: the console talks to nothing else. */

export type Credentials = { userId: string; authToken: string };

export type Room = {
	_id: string;
	fname: string;
	open?: boolean;
	v: { _id: string; token: string; username: string };
	servedBy?: { _id: string; username: string };
	departmentId?: string;
	ts: string;
	closedAt?: string;
};

export type Attachment = {
	image_url?: string;
	audio_url?: string;
	video_url?: string;
	title?: string;
	title_link?: string;
	text?: string;
	message_link?: string;
	tmid?: string;
};

export type Button = { type: string; actionId: string; value?: string; text?: { text?: string } };

export type Block = { type: string; blockId?: string; elements?: Button[] };

export type Message = {
	_id: string;
	rid: string;
	msg: string;
	ts: string;
	u: { _id: string; username: string; name?: string };
	t?: string;
	token?: string;
	attachments?: Attachment[];
	blocks?: Block[];
	transferData?: { nextDepartment?: { name: string } };
};

export type Department = { _id: string; name: string };

export type Inquiry = { _id: string; rid: string; name?: string; status: string; department?: string };

export type AppSetting = {
	id: string;
	type: string;
	value?: unknown;
	packageValue?: unknown;
	values?: Array<{ key: string; i18nLabel: string }>;
	i18nLabel?: string;
	multiline?: boolean;
};

export class ApiError extends Error {
	constructor(
		public readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export class RocketChatApi {
	constructor(private credentials?: Credentials) {}

	public get user(): Credentials | undefined {
		return this.credentials;
	}

	public async call<T = Record<string, unknown>>(
		path: string,
		options: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
	): Promise<T> {
		const response = await fetch(path, {
			method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
			headers: {
				...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
				...(this.credentials
					? { 'X-User-Id': this.credentials.userId, 'X-Auth-Token': this.credentials.authToken }
					: {}),
				...options.headers,
			},
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
		});
		const text = await response.text();
		let json: Record<string, unknown> = {};
		try {
			json = JSON.parse(text) as Record<string, unknown>;
		} catch {
			// Not JSON: the status says enough.
		}
		if (!response.ok || json.success === false) {
			const reason = String(json.error ?? json.message ?? (text.slice(0, 200) || response.statusText));
			throw new ApiError(response.status, reason);
		}
		return json as T;
	}

	public async login(user: string, password: string): Promise<Credentials> {
		const answer = await this.call<{ data: Credentials }>('/api/v1/login', { body: { user, password } });
		this.credentials = { userId: answer.data.userId, authToken: answer.data.authToken };
		return this.credentials;
	}
}
