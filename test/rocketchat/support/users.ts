/** apps/meteor/tests/data/users.helper.ts: the same requests. */
import { api, credentials, methodCall, password, request, type Credentials } from './api';

export type TestUser = {
	_id: string;
	username: string;
	name?: string;
	emails: Array<{ address: string }>;
	roles?: string[];
	[key: string]: any;
};

export async function createUser(
	userData: {
		username?: string;
		email?: string;
		roles?: string[];
		active?: boolean;
		joinDefaultChannels?: boolean;
		verified?: boolean;
		requirePasswordChange?: boolean;
		name?: string;
		password?: string;
	} = {},
): Promise<TestUser> {
	const username = userData.username || `user.test.${Date.now()}.${Math.random()}`;
	const email = userData.email || `${username}@rocket.chat`;
	const res = await request
		.post(api('users.create'))
		.set(credentials)
		.send({ email, name: username, username, password, ...userData });
	return res.body.user;
}

export async function login(username: string | undefined, pass: string): Promise<Credentials> {
	const res = await request.post(api('login')).send({ user: username, password: pass });
	return {
		'X-Auth-Token': res.body.data.authToken,
		'X-User-Id': res.body.data.userId,
	};
}

export async function deleteUser(user: { _id: string }, extraData = {}) {
	return request
		.post(api('users.delete'))
		.set(credentials)
		.send({ userId: user._id, ...extraData });
}

export async function getUserByUsername(username: string): Promise<TestUser> {
	const res = await request.get(api('users.info')).query({ username }).set(credentials);
	return res.body.user;
}

/** getMe: `.expect('Content-Type', 'application/json').expect(200)`, resolved with the body (see api.ts setupCall on the header). */
export async function getMe(overrideCredential: Credentials = credentials): Promise<any> {
	const res = await request.get(api('me')).set(overrideCredential);
	if (res.status !== 200) {
		throw new Error(`getMe: GET /api/v1/me → ${res.status} ${res.text}`);
	}
	return res.body;
}

export async function setUserActiveStatus(userId: string, activeStatus = true) {
	return request.post(api('users.setActiveStatus')).set(credentials).send({ userId, activeStatus });
}

export function setUserStatus(overrideCredentials: Credentials = credentials, status = 'online') {
	return request.post(api('users.setStatus')).set(overrideCredentials).send({ message: '', status });
}

export function setUserAway(overrideCredentials: Credentials = credentials) {
	return request
		.post(methodCall('UserPresence:away'))
		.set(overrideCredentials)
		.send({ message: JSON.stringify({ method: 'UserPresence:away', params: [], id: 'id', msg: 'method' }) });
}
