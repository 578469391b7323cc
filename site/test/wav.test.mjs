import assert from "node:assert/strict";
import { test } from "node:test";

import { bytesToBase64, encodeWav, isPcm16Wav, parseWavHeader, wavDataUrl } from "../wav.mjs";

test("encodeWav writes a 16-bit PCM header that parseWavHeader reads back", () => {
  const bytes = encodeWav([new Float32Array([0, 0.5]), new Float32Array([-1, 1])], 22050);
  assert.deepEqual(parseWavHeader(bytes), { format: 1, channels: 2, sampleRate: 22050, bitsPerSample: 16 });
  assert.equal(bytes.length, 44 + 2 * 2 * 2);
  assert.ok(isPcm16Wav(bytes));
});

test("samples are interleaved, clipped and scaled to int16", () => {
  const bytes = encodeWav([new Float32Array([0, 1, -1, 2]), new Float32Array([0.5, -0.5, 0, -2])], 8000);
  const view = new DataView(bytes.buffer, 44);
  const samples = Array.from({ length: 8 }, (_, i) => view.getInt16(i * 2, true));
  assert.deepEqual(samples, [0, 16384, 32767, -16384, -32768, 0, 32767, -32768]);
});

test("anything that is not RIFF/WAVE is not a WAV", () => {
  assert.equal(parseWavHeader(new TextEncoder().encode("OggS....not a wav")), null);
  assert.equal(isPcm16Wav(new Uint8Array(3)), false);
});

test("base64 of large buffers matches Node's encoder", () => {
  const bytes = new Uint8Array(200_000).map((_, i) => (i * 7) % 256);
  assert.equal(bytesToBase64(bytes), Buffer.from(bytes).toString("base64"));
  assert.ok(wavDataUrl(bytes.subarray(0, 3)).startsWith("data:audio/wav;base64,"));
});
