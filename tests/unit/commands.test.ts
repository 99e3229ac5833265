import { describe, expect, it } from 'vitest';
import { answeredInShared, meetingWithFile, parseCommand, pastedCommand } from '../../bot/rules/commands.ts';
import { htmlToLines, structuredLines } from '../../bot/rules/html-table.ts';
import { parseActionsText } from '../../bot/rules/import-parse.ts';

describe('where a command typed in a channel or group chat is answered', () => {
  it('there for help, meetings, choosing the channel and what was not understood; 1:1 for everything else', () => {
    const there = ['help', 'meetings', 'use this channel for PAM', 'frobnicate', 'digest 31/02/2023'];
    const privately = [
      'mine',
      'outstanding',
      'digest',
      'review',
      'people',
      'questions',
      'question Q1',
      'import',
      'import\nN/A\tKP - x',
      'minutes',
      'minutes\nMinutes of the PAM',
      'scrutiny for',
      'deep dives',
      'raise JD - x',
      'exempt 01.14/03/2023 under s.31',
      'next meeting 11/04/2023',
      'ask Q1 JD - x',
      'resend JD',
    ];
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
    [
      'use the force',
      { kind: 'invalid', message: 'say "use this channel for PAM", in the channel the board should use' },
    ],
    ['raise SR - Consider adding rates', { kind: 'raise', line: 'SR - Consider adding rates' }],
    ['frobnicate now', { kind: 'unknown', word: 'frobnicate' }],
    ['unlink AW', { kind: 'unlink', who: 'AW' }],
    ['Unlink  jane.doe@example.police.uk ', { kind: 'unlink', who: 'jane.doe@example.police.uk' }],
    [
      'unlink',
      { kind: 'invalid', message: 'say whose Teams account to unlink: their initials or email, e.g. "unlink AW"' },
    ],
    ['resend JD', { kind: 'resend', who: 'JD' }],
    ['Resend  Supt Okafor ', { kind: 'resend', who: 'Supt Okafor' }],
    ['resend 14/03/2023', { kind: 'resend', meeting: '2023-03-14' }],
    ['resend 31/02/2023', { kind: 'invalid', message: '31/02/2023 is not a date: say the meeting as dd/MM/yyyy' }],
    [
      'resend',
      { kind: 'invalid', message: 'say whose cards, or which meeting\'s, e.g. "resend JD" or "resend 14/03/2023"' },
    ],
    ['show 03 23/02/2021.i', { kind: 'show', ref: '03 23/02/2021.i' }],
    ['History  03.23/02/2021.i ', { kind: 'history', ref: '03.23/02/2021.i' }],
    ['reopen 02.14/03/2023', { kind: 'reopen', ref: '02.14/03/2023' }],
    [
      'history',
      { kind: 'invalid', message: 'say which action, as the minutes write it, e.g. "history 03 23/02/2021.i"' },
    ],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it('takes the table after import, and a meeting date on its first line', () => {
    expect(parseCommand('import\n01.14/03/2023\tJD - Do it')).toEqual({
      kind: 'import',
      table: '\n01.14/03/2023\tJD - Do it',
    });
    expect(parseCommand('import 14/03/2023\r\nN/A\tKP - Confirm')).toEqual({
      kind: 'import',
      table: 'N/A\tKP - Confirm',
      meeting: '2023-03-14',
    });
  });
});

describe('the commands that take a pasted text', () => {
  it.each([
    ['minutes', { kind: 'paste', what: 'minutes' }],
    ['Minutes 14/03/2023', { kind: 'paste', what: 'minutes', meeting: '2023-03-14' }],
    ['import', { kind: 'paste', what: 'import' }],
    ['import   ', { kind: 'paste', what: 'import' }],
    ['import 14/03/2023', { kind: 'paste', what: 'import', meeting: '2023-03-14' }],
    ['scrutiny', { kind: 'paste', what: 'scrutiny' }],
    ['scrutiny for', { kind: 'paste', what: 'scrutiny' }],
    ['scrutiny for 11/04/2023', { kind: 'paste', what: 'scrutiny', meeting: '2023-04-11' }],
    ['deep dives', { kind: 'paste', what: 'deepDives' }],
    ['deep dives  \n ', { kind: 'paste', what: 'deepDives' }],
  ])('typed alone, %j answers with the paste card', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it('takes the minutes after minutes, and a meeting date on its first line', () => {
    expect(parseCommand('minutes\nMinutes of the PAM\nDate\tTuesday 14th March 2023')).toEqual({
      kind: 'minutes',
      text: '\nMinutes of the PAM\nDate\tTuesday 14th March 2023',
    });
    expect(parseCommand('minutes 14/03/2023\r\nMinutes of the PAM')).toEqual({
      kind: 'minutes',
      text: 'Minutes of the PAM',
      meeting: '2023-03-14',
    });
  });

  it('still refuses scrutiny questions without their meeting, and a deep dive without its month', () => {
    expect(parseCommand('scrutiny for next week\nQ1. Why? - KP')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand('scrutiny tomorrow')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand('deep dive')).toEqual({
      kind: 'invalid',
      message: 'say the month and the topic, e.g. "deep dive April: Repeat Victims"',
    });
  });

  it('runs what a paste card sent as the same command typed with the text', () => {
    expect(pastedCommand('minutes', 'Minutes of the PAM', '2023-03-14')).toEqual({
      kind: 'minutes',
      text: 'Minutes of the PAM',
      meeting: '2023-03-14',
    });
    expect(pastedCommand('import', '01.14/03/2023\tJD - Do it')).toEqual({
      kind: 'import',
      table: '01.14/03/2023\tJD - Do it',
    });
    expect(pastedCommand('scrutiny', 'Q1. Why? - KP', '2023-04-11')).toEqual({
      kind: 'scrutiny',
      meeting: '2023-04-11',
      table: 'Q1. Why? - KP',
    });
    expect(pastedCommand('deepDives', 'April - Hate Crime')).toEqual({
      kind: 'deepDives',
      table: 'April - Hate Crime',
    });
    expect(pastedCommand('scrutiny', 'Q1. Why? - KP')).toEqual({
      kind: 'invalid',
      message: "choose the meeting's date: the questions are put for a meeting",
    });
    expect(pastedCommand('import', ' \n ')).toEqual({
      kind: 'invalid',
      message: 'paste the Actions Arising table into the box',
    });
  });

  it('reads the meeting a message sending a file names, and nothing else', () => {
    expect(meetingWithFile('14/03/2023')).toBe('2023-03-14');
    expect(meetingWithFile(' minutes 14/03/2023 ')).toBe('2023-03-14');
    expect(meetingWithFile('')).toBeUndefined();
    expect(meetingWithFile('here are the minutes')).toBeUndefined();
  });
});

describe('a table pasted into Teams as HTML', () => {
  const html =
    '<p>Actions Arising</p><table><tr><th>Item</th><th>Action</th></tr>' +
    '<tr><td><p>04 14/03/2023.i</p></td><td><p>SCL &ndash; Consider&nbsp;including outcome rates</p><p>by crime type</p></td></tr>' +
    '<tr><td>N/A</td><td>KP to confirm the Harm Hub &amp; staffing</td></tr></table>';

  it('becomes tab-separated lines the import reads', () => {
    const text = structuredLines(html) ?? '';
    expect(text).toBe(htmlToLines(html));
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

  it('decodes named entities once, and drops styles and comments', () => {
    expect(
      htmlToLines('<p>Caf&eacute; &amp;lt;b&amp;gt; &pound;5<style>p { color: red }</style><!-- note --></p>'),
    ).toBe('Caf\u00e9 &lt;b&gt; \u00a35');
  });

  it("keeps a row whose first cell is empty, and leaves out rows with no text and nested tables' rows", () => {
    const nested =
      '<table><tr><td></td><td>JD - Do it</td></tr><tr><td> </td><td>&nbsp;</td></tr>' +
      '<tr><td>02.14/03/2023</td><td>KP to <table><tr><td>check</td></tr></table></td></tr></table>';
    expect(htmlToLines(nested).split('\n')).toEqual(['\tJD - Do it', '02.14/03/2023\tKP to check']);
  });

  it("joins a cell's paragraphs and line breaks with spaces, and reads cells left unclosed", () => {
    expect(htmlToLines('<table><tr><td><p>one</p><p>two<br>three</p><td>x<tr><td>y</table>')).toBe(
      'one two three\tx\ny',
    );
  });

  it('as a Teams message: the lines without the @mention when it has a table or paragraphs, else nothing', () => {
    expect(
      structuredLines(`<p><at>PAM</at>&nbsp;import</p>${html.slice(html.indexOf('<table>'))}`)
        ?.split('\n')
        .slice(0, 2),
    ).toEqual(['import', 'Item\tAction']);
    expect(structuredLines('<p><at>PAM</at>&nbsp;outstanding</p>')).toBeUndefined();
    expect(structuredLines('<p>scrutiny for 27/04/2021</p><p>Q1. Why? - KP</p>')).toBe(
      'scrutiny for 27/04/2021\nQ1. Why? - KP',
    );
    expect(structuredLines('<p>raise SR<br>- Do it</p>')).toBe('raise SR\n- Do it');
    expect(structuredLines('<div>raise SR - <b>Do</b> it</div>')).toBeUndefined();
  });
});

describe('calendar commands', () => {
  it.each([
    ['next meeting 27/04/2021 10:00', { kind: 'nextMeeting', date: '2021-04-27', time: '10:00' }],
    [
      'next meeting 27/04/2021 9.30 at Gold Room, Police HQ',
      { kind: 'nextMeeting', date: '2021-04-27', time: '09:30', location: 'Gold Room, Police HQ' },
    ],
    ['next meeting 27/04/2021', { kind: 'nextMeeting', date: '2021-04-27' }],
    ['next meeting 31/02/2021', { kind: 'invalid', message: expect.stringMatching(/dd\/MM\/yyyy/) }],
    ['next meeting 27/04/2021 25:00', { kind: 'invalid', message: '"25:00" is not a time (HH:mm)' }],
    ['deep dive April: Repeat Victims', { kind: 'deepDive', text: 'April: Repeat Victims' }],
    [
      'deep dives\nApril - Hate Crime\nMay - County Lines',
      { kind: 'deepDives', table: '\nApril - Hate Crime\nMay - County Lines' },
    ],
    ['meetings', { kind: 'meetings' }],
    ['next week', { kind: 'unknown', word: 'next' }],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });
});
