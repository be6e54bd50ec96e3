package dev.jpm.engine.os;

/** Something the event loop watches through one descriptor. Called on the loop thread only. */
interface Watch {

  /** The descriptor is ready ({@code events} as epoll reports them). May throw: the loop logs and goes on. */
  void ready(int events);

  /** The loop watches it under {@code token} from now on (the token to forget it by). */
  void registered(long token);
}
