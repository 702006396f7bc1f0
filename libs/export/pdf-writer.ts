// A4 documents in Italian prose through pdf-lib, with the DejaVu Sans font embedded (from the
// dejavu-fonts-ttf package, through @pdf-lib/fontkit), so every name prints as written: Ștefan, Łukasz,
// Öztürk. Text is wrapped to the margins by measuring it with the font; pages are added as they fill.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

const require = createRequire(import.meta.url);
const fontFile = (name: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
/** Read once: the same bytes serve every document. */
const FONTS = { regular: fontFile('DejaVuSans.ttf'), bold: fontFile('DejaVuSans-Bold.ttf') };

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const WIDTH = PAGE.width - 2 * MARGIN;
const GREY = rgb(0.35, 0.35, 0.35);

export interface TextStyle {
  size?: number;
  bold?: boolean;
  grey?: boolean;
  /** Left indent in points (a list item, a detail). */
  indent?: number;
}

export class PdfWriter {
  private page!: PDFPage;
  private y = 0;

  private constructor(
    private readonly document: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
    private readonly footer: string,
  ) {}

  static async create(title: string, footer: string): Promise<PdfWriter> {
    const document = await PDFDocument.create();
    document.registerFontkit(fontkit);
    document.setTitle(title);
    document.setLanguage('it-IT');
    document.setProducer('Percorsi');
    const fonts = {
      regular: await document.embedFont(FONTS.regular, { subset: true }),
      bold: await document.embedFont(FONTS.bold, { subset: true }),
    };
    const writer = new PdfWriter(document, fonts, footer);
    writer.newPage();
    return writer;
  }

  title(text: string): void {
    this.text(text, { size: 17, bold: true });
    this.space(6);
  }

  heading(text: string): void {
    if (this.y - 60 < MARGIN) this.newPage();
    this.space(10);
    this.text(text, { size: 12.5, bold: true });
    this.space(2);
  }

  /** "Label: value" with the label in bold, wrapped as one paragraph. */
  fact(label: string, value: string, style: TextStyle = {}): void {
    this.text(`${label}: ${value}`, { ...style, boldPrefix: label.length + 1 });
  }

  item(text: string, style: TextStyle = {}): void {
    this.text(`• ${text}`, { ...style, indent: (style.indent ?? 0) + 10, hanging: 9 });
  }

  /** A line to sign on, with who signs under it. */
  signature(label: string): void {
    if (this.y - 70 < MARGIN) this.newPage();
    this.space(34);
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: MARGIN + 250, y: this.y },
      thickness: 0.7,
      color: GREY,
    });
    this.space(4);
    this.text(label, { size: 9.5, grey: true });
  }

  space(points: number): void {
    this.y -= points;
  }

  /** A paragraph wrapped at the margins; its line breaks are kept. */
  text(text: string, style: TextStyle & { boldPrefix?: number; hanging?: number } = {}): void {
    const size = style.size ?? 10.5;
    const lineHeight = size * 1.35;
    const indent = style.indent ?? 0;
    let prefix = style.boldPrefix ?? 0;
    let first = true;
    for (const paragraph of text.split(/\r?\n/)) {
      for (const line of this.wrap(paragraph, size, WIDTH - indent - (first ? 0 : (style.hanging ?? 0)))) {
        if (this.y - lineHeight < MARGIN) this.newPage();
        this.y -= lineHeight;
        const x = MARGIN + indent + (first ? 0 : (style.hanging ?? 0));
        const colour = style.grey ? GREY : rgb(0, 0, 0);
        const bold = prefix > 0 ? line.slice(0, prefix) : '';
        const regularFont = style.bold ? this.fonts.bold : this.fonts.regular;
        if (bold) {
          this.page.drawText(bold, { x, y: this.y, size, font: this.fonts.bold, color: colour });
        }
        this.page.drawText(line.slice(bold.length), {
          x: x + (bold ? this.fonts.bold.widthOfTextAtSize(bold, size) : 0),
          y: this.y,
          size,
          font: regularFont,
          color: colour,
        });
        prefix = Math.max(0, prefix - line.length);
        first = false;
      }
    }
    this.y -= size * 0.35;
  }

  async save(): Promise<Uint8Array> {
    const pages = this.document.getPages();
    pages.forEach((page, index) => {
      page.drawText(`${this.footer} — pagina ${index + 1} di ${pages.length}`, {
        x: MARGIN,
        y: MARGIN / 2,
        size: 8,
        font: this.fonts.regular,
        color: GREY,
      });
    });
    return this.document.save();
  }

  private newPage(): void {
    this.page = this.document.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  /** Greedy wrapping by measured width; a word wider than the line is cut where it must be. */
  private wrap(paragraph: string, size: number, width: number): string[] {
    const font = this.fonts.regular;
    const fits = (line: string) => font.widthOfTextAtSize(line, size) * 1.04 <= width;
    const lines: string[] = [];
    let current = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = current ? `${current} ${word}` : word;
      if (fits(candidate)) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = word;
      while (!fits(current)) {
        let cut = current.length - 1;
        while (cut > 1 && !fits(current.slice(0, cut))) cut--;
        lines.push(current.slice(0, cut));
        current = current.slice(cut);
      }
    }
    lines.push(current);
    return lines;
  }
}
