// Audio to 16-bit PCM WAV, in the browser, because Python decodes WAV only (stdlib `wave`).
//
// Uploads and microphone recordings (webm/ogg/mp3/...) are decoded with the Web Audio API and
// re-encoded here; a file that is already 16-bit PCM WAV is sent byte for byte, so its sample
// rate and samples reach fn unchanged. The pure parts (header parsing, encoding, base64) run
// in Node too and are unit-tested there.

/** Sample rate used to decode non-WAV audio (decodeAudioData resamples to its context's rate). */
export const DECODE_SAMPLE_RATE = 48000;

/**
 * Read a WAV header: `{format, channels, sampleRate, bitsPerSample}` or null when `bytes` is not
 * a RIFF/WAVE file. `format` 1 is integer PCM, 3 is float, 0xFFFE is "extensible".
 * @param {Uint8Array} bytes
 */
export function parseWavHeader(bytes) {
  if (bytes.length < 12) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (tag(0) !== "RIFF" || tag(8) !== "WAVE") return null;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const size = view.getUint32(offset + 4, true);
    if (tag(offset) === "fmt " && offset + 24 <= bytes.length) {
      return {
        format: view.getUint16(offset + 8, true),
        channels: view.getUint16(offset + 10, true),
        sampleRate: view.getUint32(offset + 12, true),
        bitsPerSample: view.getUint16(offset + 22, true),
      };
    }
    offset += 8 + size + (size % 2);
  }
  return null;
}

/** Is this a WAV that Python reads as is (integer PCM, 16 bits)? */
export function isPcm16Wav(bytes) {
  const header = parseWavHeader(bytes);
  return Boolean(header && header.format === 1 && header.bitsPerSample === 16);
}

/**
 * Encode channels of float samples in [-1, 1] as 16-bit PCM WAV (interleaved, little-endian).
 * @param {Float32Array[]} channels one array per channel, all the same length
 * @param {number} sampleRate
 * @returns {Uint8Array}
 */
export function encodeWav(channels, sampleRate) {
  const count = channels.length;
  if (!count) throw new Error("encodeWav: no channels to encode");
  const frames = channels[0].length;
  const dataSize = frames * count * 2;
  const bytes = new Uint8Array(44 + dataSize);
  const view = new DataView(bytes.buffer);
  const text = (offset, s) => [...s].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, "RIFF");
  view.setUint32(4, 36 + dataSize, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, count, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * count * 2, true);
  view.setUint16(32, count * 2, true);
  view.setUint16(34, 16, true);
  text(36, "data");
  view.setUint32(40, dataSize, true);
  let offset = 44;
  for (let frame = 0; frame < frames; frame++) {
    for (let channel = 0; channel < count; channel++) {
      const sample = Math.max(-1, Math.min(1, channels[channel][frame] || 0));
      view.setInt16(offset, sample < 0 ? Math.round(sample * 0x8000) : Math.round(sample * 0x7fff), true);
      offset += 2;
    }
  }
  return bytes;
}

/** Base64 of bytes, in chunks so large recordings do not overflow the call stack. */
export function bytesToBase64(bytes) {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export const wavDataUrl = (bytes) => `data:audio/wav;base64,${bytesToBase64(bytes)}`;

/**
 * Any audio Blob/File the browser can decode -> a 16-bit PCM WAV data: URL.
 * Browser only (uses OfflineAudioContext).
 */
export async function audioToWavDataUrl(blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  if (isPcm16Wav(bytes)) return wavDataUrl(bytes);
  const header = parseWavHeader(bytes);
  const rate = header?.sampleRate || DECODE_SAMPLE_RATE;
  const context = new OfflineAudioContext(1, 1, rate);
  let buffer;
  try {
    buffer = await context.decodeAudioData(bytes.buffer.slice(0));
  } catch (err) {
    throw new Error(
      `this browser cannot decode ${blob.name || "the recording"} (${blob.type || "unknown type"}): ${err.message || err}. ` +
        "Use a WAV, MP3 or OGG file.",
    );
  }
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, i) => buffer.getChannelData(i));
  return wavDataUrl(encodeWav(channels, buffer.sampleRate));
}
