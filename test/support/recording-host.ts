// An IoHost that keeps every message a use case sends, for tests that read the messages' codes
// and data instead of rendered text. Questions get `answer` (default: nobody there to answer).
import type { AnyIoMessage, IoHost } from '../../src/app/io-host.js';

export interface RecordingHost extends IoHost {
  messages: AnyIoMessage[];
}

export function recordingHost(answer?: string): RecordingHost {
  const messages: AnyIoMessage[] = [];
  return {
    messages,
    async notify(message) {
      messages.push(message);
    },
    async ask() {
      return answer;
    },
  };
}
