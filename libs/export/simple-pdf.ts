// A plain, text-only PDF (A4, Helvetica, WinAnsi) written by hand: enough for a case file, no dependency.

const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const MARGIN = 50;
const LINE_HEIGHT = 14;
const LINES_PER_PAGE = Math.floor((PAGE_HEIGHT - 2 * MARGIN) / LINE_HEIGHT);
const MAX_CHARACTERS = 95;

const WIN_ANSI_EXTRAS: Record<string, number> = {
  '’': 0x92,
  '‘': 0x91,
  '“': 0x93,
  '”': 0x94,
  '—': 0x97,
  '–': 0x96,
  '€': 0x80,
  '…': 0x85,
};

/** Text as a PDF string literal in WinAnsi: Latin-1 as is, a few typographic marks mapped, the rest "?". */
function pdfString(text: string): string {
  let out = '(';
  for (const char of text) {
    const code = WIN_ANSI_EXTRAS[char] ?? char.codePointAt(0)!;
    if (char === '(' || char === ')' || char === '\\') out += `\\${char}`;
    else if (code < 32 || code > 255) out += '?';
    else if (code > 126) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += char;
  }
  return `${out})`;
}

function wrap(line: string): string[] {
  if (line.length <= MAX_CHARACTERS) return [line];
  const words = line.split(' ');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current && (current + ' ' + word).length > MAX_CHARACTERS) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  return [...lines, current];
}

export function simplePdf(lines: { text: string; bold?: boolean }[]): Buffer {
  const wrapped = lines.flatMap((line) => wrap(line.text).map((text) => ({ text, bold: line.bold })));
  const pages: (typeof wrapped)[] = [];
  for (let i = 0; i < Math.max(wrapped.length, 1); i += LINES_PER_PAGE)
    pages.push(wrapped.slice(i, i + LINES_PER_PAGE));

  const objects: string[] = [];
  const add = (body: string) => objects.push(body) && objects.length;
  const catalog = add('');
  const pagesObject = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const bold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const pageIds = pages.map((page) => {
    const stream = page
      .map(
        (line, index) =>
          `BT /${line.bold ? 'F2' : 'F1'} 10 Tf ${MARGIN} ${PAGE_HEIGHT - MARGIN - index * LINE_HEIGHT} Td ${pdfString(line.text)} Tj ET`,
      )
      .join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    return add(
      `<< /Type /Page /Parent ${pagesObject} 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
        `/Resources << /Font << /F1 ${font} 0 R /F2 ${bold} 0 R >> >> /Contents ${content} 0 R >>`,
    );
  });
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObject} 0 R >>`;
  objects[pagesObject - 1] =
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;

  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
