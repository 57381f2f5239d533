import http from 'http';

/**
 * A load balancer in front of a cluster's instances, as workspaces put one in front of Rocket.Chat: each HTTP
 * request goes to the next instance in turn. (The realtime API is served by the front itself: Rocket.Chat's
 * instances share their streams.)
 */
export function roundRobin(instanceUrls: ReadonlyArray<string>): http.RequestListener {
	let next = 0;
	return (request, response) => {
		const target = new URL(request.url ?? '/', instanceUrls[next]);
		next = (next + 1) % instanceUrls.length;
		const forwarded = http.request(
			target,
			{ method: request.method, headers: { ...request.headers, host: target.host } },
			(answer) => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			},
		);
		forwarded.on('error', () => {
			if (!response.headersSent) {
				response.writeHead(502, { 'Content-Type': 'application/json' });
			}
			response.end('{"success":false,"error":"The instance did not answer"}');
		});
		request.pipe(forwarded);
	};
}
