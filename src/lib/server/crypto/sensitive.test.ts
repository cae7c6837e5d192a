import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { forgetKey, keyFingerprint, seal, Sensitive, SensitiveDataError, unseal, useKey, type Sealed } from './sensitive';

const ANSWERS = { serviceTypes: [1, 2], certificateKind: 'physical', notes: '全盲です。点字で連絡してください。' };
const CONTEXT = 'reading.answers:patron=42';

describe('sealing sensitive data (AES-256-GCM)', () => {
	beforeEach(() => useKey(randomBytes(32)));
	afterEach(() => forgetKey());

	it('round-trips a value, and the stored text reveals nothing of it', () => {
		const sealed = seal(ANSWERS, CONTEXT);
		expect(sealed).toMatch(/^v1\.[0-9a-f]{16}\.[\w-]+\.[\w-]+\.[\w-]+$/);
		expect(sealed).not.toContain('physical');
		expect(Buffer.from(sealed.split('.')[4], 'base64url').toString('utf8')).not.toContain('全盲');
		expect(unseal(sealed, CONTEXT).reveal()).toEqual(ANSWERS);
	});

	it('uses a fresh nonce each time: the same value never seals to the same text', () => {
		expect(seal(ANSWERS, CONTEXT)).not.toBe(seal(ANSWERS, CONTEXT));
	});

	it('detects tampering with the ciphertext, the tag or the nonce', () => {
		const sealed = seal(ANSWERS, CONTEXT);
		const parts = sealed.split('.');
		for (const index of [2, 3, 4]) {
			const bytes = Buffer.from(parts[index], 'base64url');
			bytes[0] ^= 0x01;
			const altered = [...parts.slice(0, index), bytes.toString('base64url'), ...parts.slice(index + 1)].join('.') as Sealed<typeof ANSWERS>;
			expect(() => unseal(altered, CONTEXT)).toThrowError(expect.objectContaining({ reason: 'tampered' }));
		}
	});

	it('refuses a value moved to another patron or purpose (the context is authenticated)', () => {
		const sealed = seal(ANSWERS, CONTEXT);
		expect(() => unseal(sealed, 'reading.answers:patron=43')).toThrowError(expect.objectContaining({ reason: 'tampered' }));
		expect(() => unseal(sealed, 'reading.draft:patron=42')).toThrowError(expect.objectContaining({ reason: 'tampered' }));
	});

	it('says so when the key is not the one the value was sealed with, naming neither key', () => {
		const sealed = seal(ANSWERS, CONTEXT);
		const first = keyFingerprint();
		const other = randomBytes(32);
		useKey(other);
		let error: unknown;
		try {
			unseal(sealed, CONTEXT);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(SensitiveDataError);
		expect((error as SensitiveDataError).reason).toBe('wrong_key');
		expect((error as Error).message).toContain(first);
		expect((error as Error).message).not.toContain(other.toString('base64'));
	});

	it('refuses a wrong key even when the fingerprint is forged to match', () => {
		const sealed = seal(ANSWERS, CONTEXT);
		useKey(randomBytes(32));
		const forged = sealed.replace(/^v1\.[0-9a-f]{16}/, `v1.${keyFingerprint()}`) as typeof sealed;
		expect(() => unseal(forged, CONTEXT)).toThrowError(expect.objectContaining({ reason: 'tampered' }));
	});

	it('refuses what is not an envelope', () => {
		expect(() => unseal('hello' as Sealed<string>, CONTEXT)).toThrowError(expect.objectContaining({ reason: 'malformed' }));
	});

	it('never shows the value when logged, printed or serialised: only reveal() gives it', () => {
		const opened = unseal(seal(ANSWERS, CONTEXT), CONTEXT);
		expect(opened).toBeInstanceOf(Sensitive);
		expect(String(opened)).toBe('[sensitive]');
		expect(JSON.stringify({ opened })).toBe('{"opened":"[sensitive]"}');
		expect(inspect(opened)).not.toContain('physical');
		expect(`${opened}`).not.toContain('全盲');
	});
});

describe('the key', () => {
	let dir: string;
	const saved = { key: process.env.SENSITIVE_DATA_KEY, dataDir: process.env.DATA_DIR };

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'portal-key-'));
		forgetKey();
		delete process.env.SENSITIVE_DATA_KEY;
		process.env.DATA_DIR = dir;
	});
	afterEach(() => {
		forgetKey();
		rmSync(dir, { recursive: true, force: true });
		if (saved.key === undefined) delete process.env.SENSITIVE_DATA_KEY;
		else process.env.SENSITIVE_DATA_KEY = saved.key;
		if (saved.dataDir === undefined) delete process.env.DATA_DIR;
		else process.env.DATA_DIR = saved.dataDir;
	});

	it('is created on first use in <DATA_DIR>/sensitive-data.key, readable by the owner only, and kept', () => {
		const sealed = seal('秘密', 'test');
		const path = join(dir, 'sensitive-data.key');
		expect(statSync(path).mode & 0o777).toBe(0o600);
		expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')).toHaveLength(32);
		forgetKey();
		expect(unseal(sealed, 'test').reveal()).toBe('秘密');
	});

	it('tightens a key file others could read', () => {
		const path = join(dir, 'sensitive-data.key');
		writeFileSync(path, randomBytes(32).toString('base64'));
		chmodSync(path, 0o644);
		seal('x', 'test');
		expect(statSync(path).mode & 0o777).toBe(0o600);
	});

	it('comes from SENSITIVE_DATA_KEY when set, and no file is written', () => {
		const key = randomBytes(32);
		process.env.SENSITIVE_DATA_KEY = key.toString('base64');
		const sealed = seal('秘密', 'test');
		expect(() => statSync(join(dir, 'sensitive-data.key'))).toThrow();
		useKey(key);
		expect(unseal(sealed, 'test').reveal()).toBe('秘密');
	});

	it('must be 32 bytes of base64: a bad key stops with advice, not with the key in the message', () => {
		process.env.SENSITIVE_DATA_KEY = Buffer.alloc(16, 7).toString('base64');
		expect(() => seal('x', 'test')).toThrowError(/32 bytes.*openssl rand -base64 32/s);
		forgetKey();
		process.env.SENSITIVE_DATA_KEY = 'not base64!';
		expect(() => seal('x', 'test')).toThrowError(/not base64/);
	});
});
