// The environment variables a piece of code reads, found by running it over an environment that records
// every name asked for. So the config loader (bot/config.ts) stays the only list of the server's variables.

type Env = Record<string, string | undefined>;

/**
 * The names `read` asks `env` for. Whether it accepts the environment or refuses it (throws) does not
 * matter here: a refusal only comes after the names it checks were asked for.
 */
export function namesRead(read: (env: Env) => unknown, env: Env = {}): Set<string> {
  const asked = new Set<string>();
  const recording = new Proxy(
    { ...env },
    {
      get(target, name, receiver) {
        if (typeof name === 'string') asked.add(name);
        return Reflect.get(target, name, receiver) as unknown;
      },
    },
  );
  try {
    read(recording);
  } catch {
    // refused: see above
  }
  return asked;
}
