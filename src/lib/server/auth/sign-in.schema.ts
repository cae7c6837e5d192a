import { z } from 'zod';
import { normaliseCardNumber } from './sign-in.service';

const E = 'auth:signIn.errors';

/** The sign-in form: a 10-digit card number (typed any way) and a password. */
export const signInSchema = z.object({
	cardNumber: z.preprocess(
		(v) => normaliseCardNumber(String(v ?? '')),
		z.string().min(1, `${E}.cardNumberEmpty`).regex(/^\d{10}$/, `${E}.cardNumberFormat`)
	),
	password: z.string({ error: `${E}.passwordEmpty` }).min(1, `${E}.passwordEmpty`).max(200, `${E}.passwordTooLong`)
});
export const SIGN_IN_FIELDS = ['cardNumber', 'password'];
