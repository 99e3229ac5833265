// The tab's calls to its JSON API (the same API scripts use; see bot/tab/README.md).

export type { ActionsAnswer, Me, MeetingsAnswer, TabAction } from '../api-types.ts';
import type { ActionsAnswer, Me, MeetingsAnswer, TabAction } from '../api-types.ts';

export interface ReplyAnswer {
  result: 'saved' | 'unchanged' | 'refused' | 'stale';
  message: string;
  action?: TabAction;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Gets a token; `fresh` asks again (after a 401). */
export type TokenSource = (fresh: boolean) => Promise<string>;

export function createApi(token: TokenSource) {
  async function call<T>(path: string, init: RequestInit = {}, okStatuses: number[] = []): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const headers = new Headers(init.headers);
      headers.set('Authorization', `Bearer ${await token(attempt > 0)}`);
      const res = await fetch(path, { ...init, headers, cache: 'no-store' });
      if (res.status === 401 && attempt === 0) continue;
      const body = (await res.json().catch(() => ({}))) as T & { error?: string };
      if (!res.ok && !okStatuses.includes(res.status))
        throw new ApiError(res.status, body.error ?? `the server answered ${res.status}`);
      return body;
    }
  }
  return {
    me: () => call<Me>('/api/tab/me'),
    actions: (view: 'all' | 'mine') => call<ActionsAnswer>(`/api/tab/actions?view=${view}`),
    meetings: () => call<MeetingsAnswer>('/api/tab/meetings'),
    reply: (id: string, body: { status?: string; note?: string; version: number; requestId: string }) =>
      call<ReplyAnswer>(
        `/api/tab/actions/${encodeURIComponent(id)}/reply`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        },
        [404, 409, 422],
      ),
  };
}

export type Api = ReturnType<typeof createApi>;
