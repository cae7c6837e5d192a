/**
 * Special care-required personal information (要配慮個人情報, APPI art. 2(3)): disability details of
 * reading-services applications. This module is the one boundary through which such data is stored and
 * read, so every read is deliberate and easy to find (`grep -rn "reveal(" src`).
 *
 * - At rest it is AES-256-GCM ciphertext, sealed in the application: a database dump, a backup or a
 *   replica on its own yields nothing. The `Sealed<T>` string names what is inside, and its additional
 *   authenticated data (`context`) binds it to one purpose and one patron, so ciphertext copied to
 *   another patron's row fails to open instead of showing the wrong person's answers.
 * - Opened, it is a `Sensitive<T>`: the plain value sits in a private field and only `reveal()` returns
 *   it. `String()`, `JSON.stringify()`, `console.log()` and SvelteKit's serialisation of page data
 *   all see "[sensitive]" (or refuse), so an accidental log line or a forgotten `return { row }`
 *   leaks nothing. The callers that reveal (the reading-services service) log each staff view.
 *
 * The key: `SENSITIVE_DATA_KEY` (base64 of 32 random bytes) in production. When it is unset the
 * embedded default generates one on first use and keeps it in `<DATA_DIR>/sensitive-data.key`
 * (mode 0600). Lose the key and the sealed data is gone for good: the README says how to back it up.
 * The key's fingerprint (not the key) is stored in each envelope, so a wrong key is reported as such.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';

declare const sealedBrand: unique symbol;

/** Ciphertext as stored in the database, with the type of what it holds. Opaque: open it with `unseal`. */
export type Sealed<T> = string & { readonly [sealedBrand]: T };

const ENVELOPE_VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const KEY_FILE = 'sensitive-data.key';

/** A value that must not reach logs, URLs, titles or caches. Only `reveal()` gives the value. */
export class Sensitive<T> {
	readonly #value: T;

	constructor(value: T) {
		this.#value = value;
	}

	/** The plain value. Call it only where the data is shown to someone allowed to see it. */
	reveal(): T {
		return this.#value;
	}

	toString(): string {
		return '[sensitive]';
	}

	toJSON(): string {
		return '[sensitive]';
	}

	[inspect.custom](): string {
		return 'Sensitive([sensitive])';
	}
}

/** Why a sealed value could not be opened. The message never contains any of the data. */
export class SensitiveDataError extends Error {
	constructor(
		readonly reason: 'malformed' | 'wrong_key' | 'tampered' | 'bad_key',
		message: string
	) {
		super(message);
		this.name = 'SensitiveDataError';
	}
}

interface Key {
	bytes: Buffer;
	/** First 16 hex digits of SHA-256 of the key: names the key without revealing it. */
	id: string;
}

let current: Key | undefined;

function keyFrom(bytes: Buffer): Key {
	if (bytes.length !== KEY_BYTES) {
		throw new SensitiveDataError('bad_key', `The sensitive-data key must be ${KEY_BYTES} bytes (base64 of 32 random bytes); got ${bytes.length}.`);
	}
	return { bytes, id: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
}

function decodeKey(base64: string, source: string): Key {
	const text = base64.trim();
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
		throw new SensitiveDataError('bad_key', `${source} is not base64. Create a key with: openssl rand -base64 32`);
	}
	try {
		return keyFrom(Buffer.from(text, 'base64'));
	} catch (error) {
		throw new SensitiveDataError('bad_key', `${source}: ${(error as Error).message} Create a key with: openssl rand -base64 32`);
	}
}

/**
 * The embedded default: `<DATA_DIR>/sensitive-data.key`, created with mode 0600 on first use. Two
 * processes starting together cannot both create it: the second one's exclusive create fails and it
 * reads the first one's key.
 */
function keyFromFile(dataDir: string): Key {
	const path = join(dataDir, KEY_FILE);
	if (!existsSync(path)) {
		mkdirSync(dataDir, { recursive: true });
		try {
			writeFileSync(path, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
	// A key file others can read defeats the point; tighten it rather than carry on silently.
	if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
	return decodeKey(readFileSync(path, 'utf8'), path);
}

/** The key in use: SENSITIVE_DATA_KEY, else the embedded default's key file. Loaded once per process. */
function key(): Key {
	current ??= process.env.SENSITIVE_DATA_KEY
		? decodeKey(process.env.SENSITIVE_DATA_KEY, 'SENSITIVE_DATA_KEY')
		: keyFromFile(process.env.DATA_DIR || './data');
	return current;
}

/** The fingerprint of the key in use (for the start-up check against the database; never the key). */
export function keyFingerprint(): string {
	return key().id;
}

/** Uses this key from now on (tests; a later key-rotation command). */
export function useKey(bytes: Buffer): void {
	current = keyFrom(Buffer.from(bytes));
}

/** Forgets the loaded key, so the next use reads the environment or the key file again (tests). */
export function forgetKey(): void {
	current = undefined;
}

const b64 = (buffer: Buffer) => buffer.toString('base64url');

/**
 * Encrypts a JSON-serialisable value. `context` is authenticated, not encrypted: name the purpose and
 * the patron (`reading.answers:patron=42`), and pass the same string to `unseal`.
 */
export function seal<T>(value: T, context: string): Sealed<T> {
	const k = key();
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', k.bytes, iv);
	cipher.setAAD(Buffer.from(context, 'utf8'));
	const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
	return [ENVELOPE_VERSION, k.id, b64(iv), b64(cipher.getAuthTag()), b64(body)].join('.') as Sealed<T>;
}

/** Decrypts and authenticates a sealed value; throws SensitiveDataError if the key or context is wrong or it was altered. */
export function unseal<T>(sealed: Sealed<T>, context: string): Sensitive<T> {
	const parts = String(sealed).split('.');
	if (parts.length !== 5 || parts[0] !== ENVELOPE_VERSION) throw new SensitiveDataError('malformed', 'Not a sealed value of this version.');
	const [, keyId, iv, tag, body] = parts;
	const k = key();
	if (keyId !== k.id) {
		throw new SensitiveDataError('wrong_key', `Sealed with key ${keyId}, but the key in use is ${k.id}: set SENSITIVE_DATA_KEY to the key this data was sealed with.`);
	}
	try {
		const decipher = createDecipheriv('aes-256-gcm', k.bytes, Buffer.from(iv, 'base64url'));
		decipher.setAAD(Buffer.from(context, 'utf8'));
		decipher.setAuthTag(Buffer.from(tag, 'base64url'));
		const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
		return new Sensitive(JSON.parse(text) as T);
	} catch {
		// GCM's tag check failed: altered ciphertext, a context that does not match, or a forged envelope.
		throw new SensitiveDataError('tampered', 'The sealed value failed authentication: it was altered or belongs elsewhere.');
	}
}
