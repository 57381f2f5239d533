/**
 * Which Rocket.Chat the sandbox answers as, where the bridges an app reaches differ between versions (see the
 * method × version table in sandbox/FIDELITY.md):
 * - '5.3': Rocket.Chat 5.3.0 (Apps-Engine 1.35; the compatibility run on Apps-Engine 1.33 uses it);
 * - '6.7': Rocket.Chat 6.7.0 (Apps-Engine 1.42.1, the compatibility run on that engine);
 * - 'latest': the newest source read (7.x-era code, standing for 7.x and 8.x; the default).
 */
export type RocketChatVersion = '5.3' | '6.7' | 'latest';

export const DEFAULT_ROCKETCHAT_VERSION: RocketChatVersion = 'latest';

export const ROCKETCHAT_VERSIONS: ReadonlyArray<RocketChatVersion> = ['5.3', '6.7', 'latest'];
