/**
 * Structured logs on stderr. Only pass ids and codes: never names, addresses, free text or
 * disability details (special-care personal data must not reach logs).
 */
function write(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}) {
	const safe = Object.fromEntries(
		Object.entries(fields).map(([k, v]) => [k, v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v])
	);
	if (process.env.LOG_LEVEL === 'silent') return;
	console[level === 'info' ? 'log' : level](JSON.stringify({ at: new Date().toISOString(), level, message, ...safe }));
}

export const log = {
	info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
	warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
	error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields)
};
