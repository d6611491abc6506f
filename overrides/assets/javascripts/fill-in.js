/* Fill in once: a reader's own details in every template download.

   The templates page has a form (caretech/templates/page.py writes it, hidden) for the
   details many templates share: the organisation's name, the manager, the on-call and IT
   support numbers and so on. This script shows it, and keeps what is typed in this
   browser's localStorage, on this device only. From then on, a click on a template's
   download link makes the file here, in the browser: it fetches the blank .docx or .xlsx
   from this site, opens the ZIP, puts the details in place of the marked fields
   ("[Manager's name]") in its XML, and saves the result. Nothing is sent anywhere.

   The ZIP is read and written with the browser's own DecompressionStream and
   CompressionStream ("deflate-raw") and the small reader and writer below, rather than a
   library: it adds no third-party code to every page, and a browser without those
   streams, or a page opened from a file, simply downloads the blank template as before.
   Fields left empty stay marked, so they are easy to find and fill in by hand. */
(() => {
  "use strict";

  const STORE = "ctg-your-details-v1";
  const canBuild = "DecompressionStream" in window && "CompressionStream" in window && "fetch" in window;

  function readDetails() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE) || "{}");
      return saved && typeof saved === "object" ? saved : {};
    } catch (error) {
      return {};
    }
  }

  function filledIn(details) {
    return Object.entries(details).filter(([, value]) => typeof value === "string" && value.trim());
  }

  // --- The form on the templates page ---------------------------------------------------

  function startForm(section) {
    const form = section.querySelector(".ctg-details-form");
    const status = section.querySelector(".ctg-details-status");
    const boxes = [...form.querySelectorAll("input[name]")];
    const show = () => {
      const details = readDetails();
      for (const box of boxes) box.value = details[box.name] || "";
    };
    const save = () => {
      const details = {};
      for (const box of boxes) if (box.value.trim()) details[box.name] = box.value.trim();
      try {
        localStorage.setItem(STORE, JSON.stringify(details));
        status.textContent = `Saved on this device: ${filledIn(details).length} details. ` +
          "Downloads from now on come with them filled in.";
      } catch (error) {
        status.textContent = "This browser would not save your details. Downloads will stay blank.";
      }
    };
    section.querySelector(".ctg-details-save").addEventListener("click", save);
    form.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target.matches("input")) save(); // as a form would
    });
    section.querySelector(".ctg-details-clear").addEventListener("click", () => {
      try {
        localStorage.removeItem(STORE);
      } catch (error) {
        /* nothing was saved */
      }
      show();
      status.textContent = "Your details are cleared from this device. Downloads will be blank.";
    });
    show();
    section.hidden = false;
  }

  // --- Downloads ------------------------------------------------------------------------

  function startDownloads() {
    if (filledIn(readDetails()).length) {
      for (const note of document.querySelectorAll(".ctg-fill-in-note")) note.hidden = false;
    }
    document.addEventListener("click", (event) => {
      const link = event.target.closest && event.target.closest("a[download][href$='.docx'], a[download][href$='.xlsx']");
      const details = filledIn(readDetails()); // read now: they may have been saved since the page opened
      if (!link || link.dataset.ctgBlank || !details.length) return;
      event.preventDefault();
      downloadFilled(link, details).catch(() => {
        link.dataset.ctgBlank = "yes"; // could not fill it in: the blank template, as without the script
        link.click();
      });
    });
  }

  async function downloadFilled(link, details) {
    const response = await fetch(link.href);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const blank = new Uint8Array(await response.arrayBuffer());
    const filled = await fillZip(blank, details, link.href.endsWith(".docx") ? fillWord : fillSpreadsheet);
    const address = URL.createObjectURL(new Blob([filled], { type: response.headers.get("Content-Type") || "" }));
    const save = document.createElement("a");
    save.href = address;
    save.download = decodeURIComponent(link.pathname.split("/").pop());
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(address), 10000);
  }

  const xmlText = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const label = (name) => xmlText(`[${name.split(/\s+/).join(" ")}]`);

  /* Word: a field is a run of its own, bold on a highlight (caretech/templates/docx_writer.py).
     A filled-in field loses the highlight, so the blanks left stand out. */
  function fillWord(xml, details) {
    return xml.split("</w:r>").map((run) => {
      for (const [name, value] of details) {
        const text = `>${label(name)}</w:t>`;
        if (run.includes(text)) {
          return run.replace(/<w:highlight [^>]*\/>/, "").replace(/<w:b\/>/, "").replace(text, `>${xmlText(value)}</w:t>`);
        }
      }
      return run;
    }).join("</w:r>");
  }

  /* Spreadsheets: cells' text, and the page header, where "&" starts a code so is doubled. */
  function fillSpreadsheet(xml, details) {
    let out = xml.replace(/<(oddHeader|oddFooter)>([^<]*)<\/\1>/g, (whole, tag, text) =>
      `<${tag}>${details.reduce((t, [name, value]) => t.split(label(name)).join(xmlText(value.replace(/&/g, "&&"))), text)}</${tag}>`);
    for (const [name, value] of details) out = out.split(label(name)).join(xmlText(value));
    return out;
  }

  // --- A small ZIP reader and writer ----------------------------------------------------

  async function fillZip(bytes, details, fill) {
    const entries = readZip(bytes);
    for (const entry of entries) {
      if (!entry.name.endsWith(".xml")) continue;
      const xml = new TextDecoder().decode(await inflate(entry));
      const changed = fill(xml, details);
      if (changed !== xml) {
        const data = new TextEncoder().encode(changed);
        Object.assign(entry, { crc: crc32(data), size: data.length, method: 8, packed: await squeeze(data, "CompressionStream") });
      }
    }
    return writeZip(entries);
  }

  function readZip(bytes) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let end = bytes.length - 22;
    while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end -= 1;
    if (end < 0) throw new Error("not a ZIP file");
    const count = view.getUint16(end + 10, true);
    let at = view.getUint32(end + 16, true);
    const entries = [];
    for (let i = 0; i < count; i += 1) {
      if (view.getUint32(at, true) !== 0x02014b50) throw new Error("damaged ZIP file");
      const method = view.getUint16(at + 10, true);
      const [time, date] = [view.getUint16(at + 12, true), view.getUint16(at + 14, true)];
      const crc = view.getUint32(at + 16, true);
      const packedSize = view.getUint32(at + 20, true);
      const size = view.getUint32(at + 24, true);
      const nameLength = view.getUint16(at + 28, true);
      const extra = view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
      const local = view.getUint32(at + 42, true);
      const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      entries.push({ name: new TextDecoder().decode(nameBytes), nameBytes, method, time, date, crc, size,
        packed: bytes.subarray(start, start + packedSize) });
      at += 46 + nameLength + extra;
    }
    return entries;
  }

  async function inflate(entry) {
    if (entry.method === 0) return entry.packed;
    if (entry.method !== 8) throw new Error("unknown compression");
    return squeeze(entry.packed, "DecompressionStream");
  }

  async function squeeze(data, kind) {
    const stream = new Blob([data]).stream().pipeThrough(new window[kind]("deflate-raw"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  /* The fields a local header and a central directory entry share, in the same order: from
     "version needed" (offset 4 in a local header, 6 in the directory) to the name's length. */
  function describeEntry(view, at, entry) {
    view.setUint16(at, 20, true); // version needed: 2.0, deflate
    view.setUint16(at + 4, entry.method, true);
    view.setUint16(at + 6, entry.time, true);
    view.setUint16(at + 8, entry.date, true);
    view.setUint32(at + 10, entry.crc, true);
    view.setUint32(at + 14, entry.packed.length, true);
    view.setUint32(at + 18, entry.size, true);
    view.setUint16(at + 22, entry.nameBytes.length, true);
  }

  function writeZip(entries) {
    const parts = [];
    const directory = [];
    let offset = 0;
    for (const entry of entries) {
      const header = new DataView(new ArrayBuffer(30));
      header.setUint32(0, 0x04034b50, true);
      describeEntry(header, 4, entry);
      parts.push(new Uint8Array(header.buffer), entry.nameBytes, entry.packed);
      const central = new DataView(new ArrayBuffer(46));
      central.setUint32(0, 0x02014b50, true);
      central.setUint16(4, 20, true); // made by: version 2.0
      describeEntry(central, 6, entry);
      central.setUint32(42, offset, true);
      directory.push(new Uint8Array(central.buffer), entry.nameBytes);
      offset += 30 + entry.nameBytes.length + entry.packed.length;
    }
    const size = directory.reduce((sum, part) => sum + part.length, 0);
    const end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, entries.length, true);
    end.setUint16(10, entries.length, true);
    end.setUint32(12, size, true);
    end.setUint32(16, offset, true);
    return new Blob([...parts, ...directory, new Uint8Array(end.buffer)]);
  }

  let crcTable = null;
  function crc32(data) {
    if (!crcTable) {
      crcTable = new Uint32Array(256);
      for (let n = 0; n < 256; n += 1) {
        let c = n;
        for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        crcTable[n] = c >>> 0;
      }
    }
    let crc = 0xffffffff;
    for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  function start() {
    if (!canBuild) return; // the form would save details no download could use
    const section = document.querySelector(".ctg-details");
    if (section) startForm(section);
    startDownloads();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
