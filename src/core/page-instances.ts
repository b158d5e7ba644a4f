/**
 * One instance per backend for the whole page: list caches, draft stores and
 * the outbox are shared by every element that talks to the same backend, so
 * two elements never keep two copies of the same data or send a write twice.
 * `keyOf` names what makes two callers the same (a backend URL, a client).
 */
export function perPage<A, V>(keyOf: (arg: A) => unknown, create: (arg: A) => V): (arg: A) => V {
  const instances = new Map<unknown, V>();
  return (arg) => {
    const key = keyOf(arg);
    let instance = instances.get(key);
    if (instance === undefined) {
      instance = create(arg);
      instances.set(key, instance);
    }
    return instance;
  };
}
