// A Dockerfile read as text, for tests that check it where no Docker engine runs: its stages and each
// stage's instructions, continuation lines joined and comments dropped, as Docker reads them.

export interface DockerInstruction {
  /** Upper case: RUN, COPY, CMD... */
  keyword: string;
  args: string;
}

export interface DockerStage {
  image: string;
  name?: string;
  instructions: DockerInstruction[];
}

function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    // Docker drops comment lines, even inside a continued instruction.
    if (line.startsWith('#') || (line === '' && current === '')) continue;
    if (line.endsWith('\\')) current += `${line.slice(0, -1).trim()} `;
    else {
      lines.push(`${current}${line}`.trim());
      current = '';
    }
  }
  if (current) lines.push(current.trim());
  return lines.filter(Boolean);
}

export function dockerStages(text: string): DockerStage[] {
  const stages: DockerStage[] = [];
  for (const line of logicalLines(text)) {
    const m = /^(\w+)\s+([\s\S]*)$/.exec(line);
    if (!m?.[1] || m[2] === undefined) throw new Error(`not an instruction: ${line}`);
    const keyword = m[1].toUpperCase();
    if (keyword === 'FROM') {
      const from = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(m[2]);
      if (!from?.[1]) throw new Error(`FROM without an image: ${line}`);
      stages.push({ image: from[1], ...(from[2] ? { name: from[2] } : {}), instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`${keyword} before any FROM`);
      stage.instructions.push({ keyword, args: m[2] });
    }
  }
  return stages;
}

/** The words of an exec-form command (`["node", "x.js"]`), or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.trim().startsWith('[')) return undefined;
  const words: unknown = JSON.parse(args);
  if (!Array.isArray(words) || !words.every((w) => typeof w === 'string')) throw new Error(`not an exec form: ${args}`);
  return words as string[];
}
