import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ cookies }) => {
	const cardNumber = cookies.get('registered');
	if (!cardNumber || !/^\d{10}$/.test(cardNumber)) redirect(303, '/register');
	return { cardNumber };
};
