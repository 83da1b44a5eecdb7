import type JSZip from "jszip";

/*
 * The parts of an .xlsx package beside ExcelJS's own, added to the zip it wrote: Excel's dynamic-array
 * metadata, the add-in part that lists LEV's functions, and the helpers that register a part (its content type
 * and its relationship). Every structure here is the one real Excel-written files carry, quoted beside it.
 */

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
} as const;

export const REL = {
  sheetMetadata: `${NS.rel}/sheetMetadata`,
  customXml: `${NS.rel}/customXml`,
  drawing: `${NS.rel}/drawing`,
  chart: `${NS.rel}/chart`,
  taskpanes: "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes",
  webextension: "http://schemas.microsoft.com/office/2011/relationships/webextension",
} as const;

export const CONTENT_TYPE = {
  sheetMetadata: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml",
  taskpanes: "application/vnd.ms-office.webextensiontaskpanes+xml",
  webextension: "application/vnd.ms-office.webextension+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
} as const;

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
export const xmlUnescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, "&");

export async function text(zip: JSZip, path: string): Promise<string | undefined> {
  return zip.file(path)?.async("string");
}

/** Declares a part's content type in [Content_Types].xml. */
export async function addOverride(zip: JSZip, part: string, contentType: string): Promise<void> {
  const path = "[Content_Types].xml";
  const xml = (await text(zip, path))!;
  if (xml.includes(`PartName="/${part}"`)) return;
  zip.file(path, xml.replace("</Types>", `<Override PartName="/${part}" ContentType="${contentType}"/></Types>`));
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels; "" (the package) → _rels/.rels. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Adds a relationship from `part` ("" for the package) and returns its id. */
export async function addRelationship(zip: JSZip, part: string, type: string, target: string): Promise<string> {
  const path = relsPathOf(part);
  const xml = (await text(zip, path)) ?? `${XML_HEAD}<Relationships xmlns="${NS.pkgRel}"></Relationships>`;
  const used = new Set([...xml.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const body = xml.replace(/<Relationships([^>]*)\/>/, "<Relationships$1></Relationships>");
  zip.file(path, body.replace("</Relationships>", `<Relationship Id="${id}" Type="${type}" Target="${xmlEscape(target)}"/></Relationships>`));
  return id;
}

/** A part's relationships: id → { type, target as a package path }. */
export async function relationships(zip: JSZip, part: string): Promise<Map<string, { type: string; target: string }>> {
  const out = new Map<string, { type: string; target: string }>();
  const xml = await text(zip, relsPathOf(part));
  if (!xml) return out;
  const base = part.slice(0, part.lastIndexOf("/") + 1);
  for (const m of xml.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1]!)?.[1];
    const id = attr("Id");
    const target = attr("Target");
    if (!id || !target || attr("TargetMode") === "External") continue;
    out.set(id, { type: attr("Type") ?? "", target: resolvePath(base, xmlUnescape(target)) });
  }
  return out;
}

/** "xl/drawings/" + "../charts/chart1.xml" → "xl/charts/chart1.xml"; an absolute "/xl/…" is from the package root. */
export function resolvePath(base: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : base + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== ".") out.push(p);
  }
  return out.join("/");
}

/** The worksheet part of each sheet, by name, in the workbook's order. */
export async function sheetParts(zip: JSZip): Promise<{ name: string; part: string }[]> {
  const workbook = (await text(zip, "xl/workbook.xml")) ?? "";
  const rels = await relationships(zip, "xl/workbook.xml");
  const out: { name: string; part: string }[] = [];
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1]!)?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[1]!)?.[1] ?? /\b\w+:id="([^"]*)"/.exec(m[1]!)?.[1];
    const part = id ? rels.get(id)?.target : undefined;
    if (name !== undefined && part) out.push({ name: xmlUnescape(name), part });
  }
  return out;
}

// ─── Dynamic arrays ──────────────────────────────────────────────────────────────────────────────────

/**
 * Excel's dynamic-array metadata, as Excel writes it (xl/metadata.xml in the evelyn-chrono repro, xlwings'
 * udf_tests_officejs.xlsx, openxlsx-data's formula.xlsx; XlsxWriter's documentation of dynamic arrays): one
 * XLDAPR type, one future-metadata block with dynamicArrayProperties fDynamic="1", and the one cell-metadata
 * block every `cm="1"` cell points at.
 */
export const DYNAMIC_ARRAY_METADATA =
  `${XML_HEAD}<metadata xmlns="${NS.main}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">` +
  '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>' +
  '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>' +
  '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>';

/**
 * Marks every array formula of a worksheet as a dynamic array (`cm="1"` on its cell), as Excel 365 stores a
 * formula that spills or calls an add-in's function: `<c r="A1" cm="1"><f t="array" ref="A1">…`. Returns the
 * sheet and how many cells were marked.
 */
export function markDynamicArrays(sheetXml: string): { xml: string; count: number } {
  let count = 0;
  const xml = sheetXml.replace(/<c\b([^>]*)>(<f\b[^>]*\bt="array")/g, (m, attrs: string, f: string) => {
    if (/\bcm="/.test(attrs)) return m;
    count++;
    return `<c${attrs} cm="1">${f}`;
  });
  return { xml, count };
}

/** Adds xl/metadata.xml, its relationship from the workbook and its content type. */
export async function addDynamicArrayMetadata(zip: JSZip): Promise<void> {
  zip.file("xl/metadata.xml", DYNAMIC_ARRAY_METADATA);
  await addRelationship(zip, "xl/workbook.xml", REL.sheetMetadata, "metadata.xml");
  await addOverride(zip, "xl/metadata.xml", CONTENT_TYPE.sheetMetadata);
}

// ─── The add-in part ─────────────────────────────────────────────────────────────────────────────────

/** The add-in the file's functions belong to: manifest.xml's <Id> and <Version>, and its functions' ids. */
export interface AddinIdentity {
  id: string;
  version: string;
  namespace: string;
  /** Function ids, "MARGIN". */
  functions: string[];
}

/**
 * The web-extension part that tells Excel which add-in provides the file's `_xldudf_` functions, with the task
 * pane part through which the package reaches it, as Excel writes them for a sideloaded add-in (both real files
 * above: `we:reference … store="developer" storeType="Registry"`, an extension list
 * {7C84B067-C214-45C3-A712-C9D94CD141B2} with one `we:customFunctionIds` per function, xlwings' file also
 * {D87F86FE-615C-45B5-9D79-34F1136793EB} containsCustomFunctions; a hidden task pane, visibility="0").
 */
export async function addWebExtension(zip: JSZip, addin: AddinIdentity): Promise<void> {
  const ids = addin.functions.map((f) => `<we:customFunctionIds>_xldudf_${xmlEscape(addin.namespace)}_${xmlEscape(f)}</we:customFunctionIds>`).join("");
  const extension =
    `${XML_HEAD}<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{${guidFrom(addin.id)}}">` +
    `<we:reference id="${xmlEscape(addin.id)}" version="${xmlEscape(addin.version)}" store="developer" storeType="Registry"/>` +
    '<we:alternateReferences/><we:properties/><we:bindings/><we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>' +
    '<we:extLst><a:ext xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" uri="{D87F86FE-615C-45B5-9D79-34F1136793EB}"><we:containsCustomFunctions val="1"/></a:ext>' +
    `<a:ext xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" uri="{7C84B067-C214-45C3-A712-C9D94CD141B2}"><we:customFunctionIdList>${ids}</we:customFunctionIdList></a:ext></we:extLst>` +
    "</we:webextension>";
  zip.file("xl/webextensions/webextension1.xml", extension);
  zip.file(
    "xl/webextensions/taskpanes.xml",
    `${XML_HEAD}<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"><wetp:taskpane dockstate="right" visibility="0" width="350" row="0"><wetp:webextensionref xmlns:r="${NS.rel}" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>`,
  );
  zip.file(
    "xl/webextensions/_rels/taskpanes.xml.rels",
    `${XML_HEAD}<Relationships xmlns="${NS.pkgRel}"><Relationship Id="rId1" Type="${REL.webextension}" Target="webextension1.xml"/></Relationships>`,
  );
  await addRelationship(zip, "", REL.taskpanes, "xl/webextensions/taskpanes.xml");
  await addOverride(zip, "xl/webextensions/taskpanes.xml", CONTENT_TYPE.taskpanes);
  await addOverride(zip, "xl/webextensions/webextension1.xml", CONTENT_TYPE.webextension);
}

/** The web extension's own id: a GUID in upper case, the add-in's id when it is one. */
function guidFrom(id: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id.toUpperCase() : "00000000-0000-0000-0000-000000000000";
}
