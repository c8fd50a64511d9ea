/*
 * Copyright 2026 the talend-sat authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.talendsat.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The emulator's clock: the configured clock plus an offset that tests move forward, so
 * that token expiry is tested without waiting.
 */
final class ShiftableClock extends Clock {

	private final Clock base;

	private volatile Duration offset = Duration.ZERO;

	ShiftableClock(Clock base) {
		this.base = base;
	}

	void advance(Duration amount) {
		synchronized (this) {
			this.offset = this.offset.plus(amount);
		}
	}

	void reset() {
		this.offset = Duration.ZERO;
	}

	@Override
	public Instant instant() {
		return this.base.instant().plus(this.offset);
	}

	@Override
	public ZoneId getZone() {
		return this.base.getZone();
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.offset(this.base.withZone(zone), this.offset);
	}

}
