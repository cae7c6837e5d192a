/** The short-lived cookie that carries a new group's initial password from the form to its confirmation page. */
export const INITIAL_PASSWORD_COOKIE = 'group_initial_password';

/** Reads the cookie's value; undefined unless it is well formed. */
export function parseInitialPasswordCookie(value: string | undefined): { id: number; password: string } | undefined {
	if (!value) return undefined;
	try {
		const parsed: unknown = JSON.parse(value);
		if (
			parsed && typeof parsed === 'object' &&
			'id' in parsed && typeof parsed.id === 'number' &&
			'password' in parsed && typeof parsed.password === 'string'
		) {
			return { id: parsed.id, password: parsed.password };
		}
	} catch {
		// A tampered or truncated cookie is simply ignored.
	}
	return undefined;
}
