// A clock a client and the fake upstream share in tests: it stands still until the
// client sleeps, and each sleep moves it on and is recorded.
export class FakeClock {
  now: number;
  /** Each sleep the client asked for, in ms. */
  readonly sleeps: number[] = [];
  /** Where the clock stood, after its start, when each sleep ended. */
  readonly wakes: number[] = [];

  constructor(private readonly start: number) {
    this.now = start;
  }

  read = (): number => this.now;

  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.now += ms;
    this.wakes.push(this.now - this.start);
  };
}
