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
package io.github.talendsat.cache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link TalendTokenCache}'s background renewal once its token reaches the renewal
 * window, so that a token in use is renewed ahead of its expiry even when no caller
 * happens to ask for it inside that window.
 *
 * @author talend-sat
 * @since 0.1.0
 */
@FunctionalInterface
public interface RenewalScheduler {

	/**
	 * Run the given task once, after the given delay, on a thread other than the
	 * caller's. The task is short and never blocks.
	 * @param task the task
	 * @param delay how long to wait first, zero or positive
	 */
	void schedule(Runnable task, Duration delay);

	/**
	 * Return a scheduler on the JDK's shared delay timer, which runs each task in the
	 * common fork-join pool and starts no thread of its own.
	 * @return the scheduler
	 */
	static RenewalScheduler delayed() {
		return (task, delay) -> CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
			.execute(task);
	}

}
