import fs from 'fs';

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? NaN);
	return kb / 1024;
}

/** The Deno processes this process started, directly or through a wrapper: each app's runtime. */
export function denoDescendants(): number[] {
	const processes: Array<{ pid: number; ppid: number; comm: string }> = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			// pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
			const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			processes.push({ pid: Number(entry), ppid, comm });
		} catch {
			// The process ended while we looked.
		}
	}
	const ours = new Set([process.pid]);
	let grew = true;
	while (grew) {
		grew = false;
		for (const each of processes) {
			if (!ours.has(each.pid) && ours.has(each.ppid)) {
				ours.add(each.pid);
				grew = true;
			}
		}
	}
	return processes.filter((each) => ours.has(each.pid) && each.comm.startsWith('deno')).map((each) => each.pid);
}
