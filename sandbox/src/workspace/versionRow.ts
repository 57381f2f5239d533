/**
 * The versions the version profile models and the shape of one of its rows (versionProfile.ts holds the table; the
 * rows of an area with many of its own live beside it, e.g. fileVersionRows.ts).
 */
export const ROCKETCHAT_VERSIONS = ['5.3', '6.6', '6.7', 'latest'] as const;

export type RocketChatVersion = (typeof ROCKETCHAT_VERSIONS)[number];

export const DEFAULT_ROCKETCHAT_VERSION: RocketChatVersion = 'latest';

/** The releases each modelled version stands for, as FIDELITY.md's table heads them. */
export const VERSION_RANGES: Readonly<Record<RocketChatVersion, string>> = {
	'5.3': '5.0–5.3',
	'6.6': '6.2–6.6',
	'6.7': '6.7',
	'latest': '7.4+, 8.x',
};

export type Row<Code extends string> = {
	/** The behaviour, as an app meets it. */
	readonly title: string;
	/** What each version does, as a code the sandbox branches on. */
	readonly values: Readonly<Record<RocketChatVersion, Code>>;
	/** Each code in words, for FIDELITY.md. */
	readonly meaning: Readonly<Record<Code, string>>;
	readonly sources: string;
	/** What the app does with it. */
	readonly app: string;
};

export const row = <Code extends string>(definition: Row<Code>): Row<Code> => definition;
