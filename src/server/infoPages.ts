/**
 * Short public pages the Teams manifest links to: about, privacy and terms of use.
 *
 * Teams shows these links on the app's details page, so they must answer
 * without sign-in; they say nothing a visitor could not read in the README.
 */
import type { HttpRoute } from './httpServer.js';

const page = (title: string, body: string) => `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · LSCP Assistant</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}h1{color:#1d3f6e}</style>
</head><body><h1>${title}</h1>${body}<p><a href="/">About</a> · <a href="/privacy">Privacy</a> · <a href="/terms">Terms of use</a></p></body></html>`;

const PAGES: Record<string, string> = {
  '/': page(
    'LSCP Assistant',
    `<p>A Microsoft Teams assistant for the leaders of Local Safeguarding Children Partnerships in England. It answers questions from published guidance and briefings, always citing its sources, and helps partnerships work through the Checklist for Independent Scrutiny together.</p>
<p>It is for guidance, not case work.</p>`,
  ),
  '/privacy': page(
    'Privacy',
    `<p>The assistant keeps only what it needs to work: checklist answers and evidence notes with the name of the person who gave them, sign-offs, and "was this helpful?" votes (with the question only when it carried no personal details).</p>
<p>Messages that look like they contain details of a child or family (such as an NHS number, a date of birth, a phone number, an e-mail address or a postcode) are neither stored nor logged; the sender is reminded not to share case details here. Message text is never written to the service logs.</p>
<p>Data is held in the database your organisation configured for the assistant and is not shared with anyone else.</p>`,
  ),
  '/terms': page(
    'Terms of use',
    `<p>The assistant summarises published guidance to help you find it quickly. It is not legal advice and does not replace the statutory guidance itself: check the source it cites before relying on an answer.</p>
<p>Do not use it for case work or to share details of children or families.</p>`,
  ),
};

export function infoPageRoutes(): HttpRoute[] {
  return Object.entries(PAGES).map(([path, html]) => ({
    method: 'get' as const,
    path,
    async handle(_req, res) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
      res.end(html);
    },
  }));
}
