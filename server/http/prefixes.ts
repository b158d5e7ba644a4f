/** Where the customer protocol and the admin API are mounted. */
export const PROTOCOL_PREFIX = '/portico/v1';
export const ADMIN_PREFIX = '/admin/v1';
