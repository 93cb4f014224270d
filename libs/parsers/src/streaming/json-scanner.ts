import { ElementEnds } from './element-ends.js';
import type { JsonPath, JsonValueEvent, Replay } from './json-events.js';
import { JsonScanError, syntaxError, truncatedError } from './json-scan-error.js';
import { splitsValue, type CompiledSelection } from './json-selection.js';
import { defineMember, formatPath, parseJson } from './parsed-value.js';
import { RawValueScan, tooDeepError, type Collect, type SpillSink } from './raw-value-scan.js';
import { canReadInPlace, newObjectFrame, type ArrayFrame, type Frame, type ObjectFrame } from './scan-frames.js';

export interface ScannerOptions {
  basePath: JsonPath;
  baseDepth: number;
  maxValueBytes: number;
  maxDepth: number;
  /** Receives the bytes of set-aside members when the source cannot be read a second time. */
  spill: SpillSink | null;
  /**
   * Events gathered before `run` returns them. Small batches keep the parsed
   * values short-lived, so the garbage collector's young generation reclaims
   * them instead of copying and promoting them.
   */
  maxEvents: number;
}

// Destination of a scanned value once it ends.
type Target =
  | { kind: 'emit'; path: JsonPath }
  | { kind: 'rest'; frame: ObjectFrame; key: string }
  | { kind: 'key'; frame: ObjectFrame }
  | { kind: 'skip' }
  | { kind: 'defer'; frame: ObjectFrame; key: string; selection: CompiledSelection; elementEnds: ElementEnds | null };

const SKIP: Target = { kind: 'skip' };

// Most element ends noted for one set-aside array (16 MiB of offsets); a longer array is scanned again instead.
const MAX_NOTED_ELEMENTS = 4 * 1024 * 1024;

// Bytes a JSON value can start with.
const VALUE_START = new Uint8Array(256);
for (const character of '{["-0123456789tfn') {
  VALUE_START[character.charCodeAt(0)] = 1;
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * A synchronous push scanner for one JSON value. It walks the objects and
 * arrays that the selection splits, and hands every other value to a
 * RawValueScan that finds its end. The bytes of each selected value go to
 * JSON.parse. Feed chunks with `push` and `run`, then call `end`. Events
 * collect in `events`. `run` stops early when an object that set members
 * aside has closed, so that the caller reads them (`replays`) before the
 * rest of the chunk.
 */
export class JsonScanner {
  readonly events: JsonValueEvent[] = [];
  readonly replays: Replay[] = [];
  private readonly frames: Frame[] = [];
  private rootDone = false;
  private readonly raw: RawValueScan;
  private rawTarget: Target | null = null;
  private chunk: Buffer = Buffer.alloc(0);
  private chunkOffset = 0;
  private position = 0;

  constructor(
    private readonly selection: CompiledSelection,
    private readonly options: ScannerOptions,
  ) {
    this.raw = new RawValueScan(options.maxValueBytes, options.maxDepth, options.spill);
  }

  /**
   * Starts the scanner inside its root array, before element `index`: after
   * the previous element's end when `afterElement`, else just after `[`.
   */
  startInsideArray(index: number, afterElement: boolean): void {
    this.frames.push({ type: 'array', selection: this.selection, path: this.options.basePath, state: afterElement ? 'after-value' : 'first-value', index });
  }

  /** Sets the next chunk; `offset` is the file offset of its first byte. */
  push(chunk: Buffer, offset: number): void {
    this.chunk = chunk;
    this.chunkOffset = offset;
    this.position = 0;
  }

  /**
   * Scans the current chunk. Returns true when it is used up, false when it
   * stopped early: for replays, or because `maxEvents` events are waiting.
   */
  run(): boolean {
    const chunk = this.chunk;
    const n = chunk.length;
    let i = this.position;
    while (i < n) {
      if (this.rawTarget !== null) {
        const end = this.raw.scan(chunk, i, this.chunkOffset);
        if (end < 0) {
          this.raw.suspend(chunk, this.chunkOffset);
          break;
        }
        this.finishRaw(chunk, end);
        i = end;
        if (this.events.length >= this.options.maxEvents) {
          this.position = i;
          return false;
        }
        continue;
      }
      const byte = chunk[i] as number;
      if (isWhitespace(byte)) {
        i++;
        continue;
      }
      if (this.step(byte, i)) {
        this.position = i + 1;
        return false;
      }
      if (this.rawTarget === null) {
        i++;
      }
    }
    this.position = n;
    return true;
  }

  /** Checks that the input ended after one complete value. `offset` is the file offset of the end. */
  end(offset: number): void {
    if (this.rawTarget !== null) {
      const text = this.raw.endOfInput(offset);
      this.deliver(text);
    }
    const top = this.frames[this.frames.length - 1];
    if (top !== undefined) {
      throw truncatedError(offset, top.type === 'object' ? 'an object' : 'an array');
    }
    if (!this.rootDone) {
      throw new JsonScanError('truncated_json', 'JSON is missing: the file contains only whitespace', offset);
    }
  }

  // Handles one structural byte outside any raw value. Returns true when an
  // object closed with members set aside, so scanning must pause.
  private step(byte: number, i: number): boolean {
    const top = this.frames[this.frames.length - 1];
    if (top === undefined) {
      if (this.rootDone) {
        throw syntaxError(this.chunkOffset + i, 'the end of the input after the JSON value', byte);
      }
      this.beginValue(this.selection, this.options.basePath, byte, i);
      return false;
    }
    return top.type === 'object' ? this.stepObject(top, byte, i) : this.stepArray(top, byte, i);
  }

  private stepObject(frame: ObjectFrame, byte: number, i: number): boolean {
    switch (frame.state) {
      case 'first-key':
      case 'key':
        if (byte === 0x22) {
          this.startRaw(i, 'capture', { kind: 'key', frame });
          return false;
        }
        if (byte === 0x7d && frame.state === 'first-key') {
          return this.closeObject(frame);
        }
        throw syntaxError(this.chunkOffset + i, frame.state === 'first-key' ? "a member name or '}'" : 'a member name', byte);
      case 'colon':
        if (byte !== 0x3a) {
          throw syntaxError(this.chunkOffset + i, "':' after the member name", byte);
        }
        frame.state = 'value';
        return false;
      case 'value':
        this.beginMember(frame, byte, i);
        return false;
      case 'after-value':
        if (byte === 0x2c) {
          frame.state = 'key';
          return false;
        }
        if (byte === 0x7d) {
          return this.closeObject(frame);
        }
        throw syntaxError(this.chunkOffset + i, "',' or '}' after an object member", byte);
    }
  }

  private stepArray(frame: ArrayFrame, byte: number, i: number): boolean {
    if (frame.state === 'after-value') {
      if (byte === 0x2c) {
        frame.state = 'value';
      } else if (byte === 0x5d) {
        this.frames.pop();
        this.valueDone();
      } else {
        throw syntaxError(this.chunkOffset + i, "',' or ']' after an array element", byte);
      }
      return false;
    }
    if (byte === 0x5d && frame.state === 'first-value') {
      this.frames.pop();
      this.valueDone();
      return false;
    }
    const index = frame.index;
    frame.index++;
    this.beginValue(frame.selection.elements ?? frame.selection, [...frame.path, index], byte, i);
    return false;
  }

  // Starts a root value or an array element.
  private beginValue(selection: CompiledSelection, path: JsonPath, byte: number, i: number): void {
    if (!selection.whole && splitsValue(selection, byte)) {
      this.pushFrame(selection, path, byte, i);
      return;
    }
    this.startRaw(i, 'capture', { kind: 'emit', path });
  }

  private beginMember(frame: ObjectFrame, byte: number, i: number): void {
    const selection = frame.selection;
    const key = frame.key;
    const member = selection.members.get(key);
    if (member !== undefined) {
      if (frame.listedSeen.has(key)) {
        throw new JsonScanError('duplicate_key', `member "${key}" appears twice in one object; a streamed report must not repeat it`, this.chunkOffset + i);
      }
      frame.listedSeen.add(key);
    }

    if (member !== undefined && splitsValue(member, byte)) {
      if (!frame.emitted) {
        defineMember(frame.rest, key, byte === 0x5b ? [] : {});
      }
      if (!selection.restFirst || canReadInPlace(frame, key)) {
        if (selection.restFirst && !frame.emitted) {
          this.events.push({ path: frame.path, value: frame.rest });
          frame.emitted = true;
        }
        this.pushFrame(member, [...frame.path, key], byte, i);
        return;
      }
      const elementEnds = member.elements?.whole === true ? new ElementEnds(this.chunkOffset + i, MAX_NOTED_ELEMENTS) : null;
      this.startRaw(i, this.options.spill === null ? 'skip' : 'spill', { kind: 'defer', frame, key, selection: member, elementEnds });
      return;
    }

    if (frame.emitted) {
      if (member !== undefined) {
        this.startRaw(i, 'capture', { kind: 'emit', path: [...frame.path, key] });
        return;
      }
      if (selection.needs?.includes(key) === true) {
        throw new JsonScanError('duplicate_key', `member "${key}" appears again after the object was emitted with its first value`, this.chunkOffset + i);
      }
      this.startRaw(i, 'skip', SKIP);
      return;
    }
    if (member === undefined && selection.keep !== null && !selection.keep.has(key)) {
      this.startRaw(i, 'skip', SKIP);
      return;
    }
    this.startRaw(i, 'capture', { kind: 'rest', frame, key });
  }

  private pushFrame(selection: CompiledSelection, path: JsonPath, byte: number, i: number): void {
    if (this.options.baseDepth + this.frames.length + 1 > this.options.maxDepth) {
      throw tooDeepError(this.chunkOffset + i, this.options.maxDepth);
    }
    if (byte === 0x7b) {
      this.frames.push(newObjectFrame(selection, path));
    } else {
      this.frames.push({ type: 'array', selection, path, state: 'first-value', index: 0 });
    }
  }

  private closeObject(frame: ObjectFrame): boolean {
    this.frames.pop();
    if (!frame.emitted) {
      this.events.push({ path: frame.path, value: frame.rest });
    }
    const order = frame.selection.memberOrder;
    const deferred = frame.deferred.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    const depth = this.options.baseDepth + this.frames.length + 1;
    for (const member of deferred) {
      this.replays.push({
        path: [...frame.path, member.key],
        selection: member.selection,
        start: member.start,
        end: member.end,
        depth,
        elementEnds: member.elementEnds,
      });
    }
    this.valueDone();
    return deferred.length > 0;
  }

  private startRaw(i: number, collect: Collect, target: Target): void {
    const byte = this.chunk[i] as number;
    if (target.kind !== 'key' && VALUE_START[byte] !== 1) {
      throw syntaxError(this.chunkOffset + i, 'a JSON value', byte);
    }
    const depthRoom = this.options.maxDepth - this.options.baseDepth - this.frames.length;
    this.raw.begin(this.chunk, i, this.chunkOffset + i, collect, depthRoom, target.kind === 'defer' ? target.elementEnds : null);
    this.rawTarget = target;
  }

  private finishRaw(chunk: Buffer, end: number): void {
    const target = this.rawTarget as Target;
    if (target.kind === 'skip') {
      this.rawTarget = null;
      this.valueDone();
      return;
    }
    if (target.kind === 'defer') {
      this.raw.finishSpill(chunk, end, this.chunkOffset);
      this.rawTarget = null;
      target.frame.deferred.push({
        key: target.key,
        selection: target.selection,
        start: this.raw.startOffset,
        end: this.chunkOffset + end,
        elementEnds: target.elementEnds,
      });
      this.valueDone();
      return;
    }
    this.deliver(this.raw.text(chunk, end));
  }

  // Parses a captured value and passes it to its target.
  private deliver(text: string): void {
    const target = this.rawTarget as Target;
    this.rawTarget = null;
    if (target.kind === 'skip' || target.kind === 'defer') {
      this.valueDone();
      return;
    }
    const value = parseJson(text, this.raw.startOffset);
    if (target.kind === 'key') {
      target.frame.key = value as string;
      target.frame.state = 'colon';
      return;
    }
    if (target.kind === 'emit') {
      this.events.push({ path: target.path, value });
    } else {
      const frame = target.frame;
      frame.restBytes += this.raw.textBytes;
      if (frame.restBytes > this.options.maxValueBytes) {
        throw new JsonScanError(
          'element_too_large',
          `JSON object ${formatPath(frame.path)} without its streamed members is larger than the ${this.options.maxValueBytes}-byte limit for one parsed element`,
          this.raw.startOffset,
        );
      }
      defineMember(frame.rest, target.key, value);
    }
    this.valueDone();
  }

  private valueDone(): void {
    const top = this.frames[this.frames.length - 1];
    if (top === undefined) {
      this.rootDone = true;
    } else {
      top.state = 'after-value';
    }
  }
}
