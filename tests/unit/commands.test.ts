import { describe, expect, it } from 'vitest';
import { answeredInShared, parseCommand } from '../../bot/tracker/commands.ts';
import { hasTable, htmlToLines } from '../../bot/tracker/html-table.ts';
import { parseActionsText } from '../../bot/tracker/import-parse.ts';

describe('where a command typed in a channel or group chat is answered', () => {
  it('there for help, meetings, choosing the channel and what was not understood; 1:1 for everything else', () => {
    const there = ['help', 'meetings', 'use this channel for PAM', 'frobnicate', 'digest 31/02/2023'];
    const privately = ['mine', 'outstanding', 'digest', 'review', 'people', 'questions', 'question Q1', 'import', 'raise JD - x', 'exempt 01.14/03/2023 under s.31', 'next meeting 11/04/2023', 'ask Q1 JD - x'];
    for (const text of there) expect(answeredInShared(parseCommand(text)), text).toBe(true);
    for (const text of privately) expect(answeredInShared(parseCommand(text)), text).toBe(false);
  });
});

describe('parseCommand', () => {
  it.each([
    ['help', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['  Mine ', { kind: 'mine' }],
    ['OUTSTANDING', { kind: 'outstanding' }],
    ['people', { kind: 'people' }],
    ['use this channel for PAM', { kind: 'useChannel' }],
    ['Use this chat', { kind: 'useChannel' }],
    ['use the force', { kind: 'invalid', message: 'say "use this channel for PAM", in the channel the board should use' }],
    ['raise SR - Consider adding rates', { kind: 'raise', line: 'SR - Consider adding rates' }],
    ['frobnicate now', { kind: 'unknown', word: 'frobnicate' }],
    ['unlink AW', { kind: 'unlink', who: 'AW' }],
    ['Unlink  jane.doe@example.police.uk ', { kind: 'unlink', who: 'jane.doe@example.police.uk' }],
    ['unlink', { kind: 'invalid', message: 'say whose Teams account to unlink: their initials or email, e.g. "unlink AW"' }],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it('takes the table after import, and a meeting date on its first line', () => {
    expect(parseCommand('import\n01.14/03/2023\tJD - Do it')).toEqual({ kind: 'import', table: '\n01.14/03/2023\tJD - Do it' });
    expect(parseCommand('import 14/03/2023\r\nN/A\tKP - Confirm')).toEqual({ kind: 'import', table: 'N/A\tKP - Confirm', meeting: '2023-03-14' });
  });
});

describe('a table pasted into Teams as HTML', () => {
  const html =
    '<p>Actions Arising</p><table><tr><th>Item</th><th>Action</th></tr>' +
    '<tr><td><p>04 14/03/2023.i</p></td><td><p>SCL &ndash; Consider&nbsp;including outcome rates</p><p>by crime type</p></td></tr>' +
    '<tr><td>N/A</td><td>KP to confirm the Harm Hub &amp; staffing</td></tr></table>';

  it('becomes tab-separated lines the import reads', () => {
    expect(hasTable(html)).toBe(true);
    const text = htmlToLines(html);
    expect(text.split('\n')).toEqual([
      'Actions Arising',
      'Item\tAction',
      '04 14/03/2023.i\tSCL \u2013 Consider including outcome rates by crime type',
      'N/A\tKP to confirm the Harm Hub & staffing',
    ]);
    const parsed = parseActionsText(text).filter((l) => l.kind === 'action');
    expect(parsed).toHaveLength(2);
  });

  it('decodes numeric entities and ignores scripts', () => {
    expect(htmlToLines('<div>a &#8211; b &#x2019;<script>alert(1)</script></div>')).toBe('a \u2013 b \u2019');
  });
});

describe('calendar commands', () => {
  it.each([
    ['next meeting 27/04/2021 10:00', { kind: 'nextMeeting', date: '2021-04-27', time: '10:00' }],
    ['next meeting 27/04/2021 9.30 at Gold Room, Police HQ', { kind: 'nextMeeting', date: '2021-04-27', time: '09:30', location: 'Gold Room, Police HQ' }],
    ['next meeting 27/04/2021', { kind: 'nextMeeting', date: '2021-04-27' }],
    ['next meeting 31/02/2021', { kind: 'invalid', message: expect.stringMatching(/dd\/MM\/yyyy/) }],
    ['next meeting 27/04/2021 25:00', { kind: 'invalid', message: '"25:00" is not a time (HH:mm)' }],
    ['deep dive April: Repeat Victims', { kind: 'deepDive', text: 'April: Repeat Victims' }],
    ['deep dives\nApril - Hate Crime\nMay - County Lines', { kind: 'deepDives', table: '\nApril - Hate Crime\nMay - County Lines' }],
    ['meetings', { kind: 'meetings' }],
    ['next week', { kind: 'unknown', word: 'next' }],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });
});
