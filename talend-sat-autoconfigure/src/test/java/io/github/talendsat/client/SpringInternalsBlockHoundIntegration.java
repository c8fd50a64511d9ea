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
package io.github.talendsat.client;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Teaches BlockHound, which stays installed for the rest of the test JVM once a reactive
 * test class installs it, about two calls in Spring's own code that only look like
 * blocking, so that its verdicts are about talend-sat's code:
 * <ul>
 * <li>a {@code RestClient} on Reactor Netty hands each received buffer from the event
 * loop to the reading thread through a bounded queue, whose lock is held just for the
 * hand-over; failing it would leave the blocking caller waiting forever for its
 * body;</li>
 * <li>the first multipart boundary of a JVM comes from a {@code SecureRandom} that seeds
 * itself from the operating system once.</li>
 * </ul>
 *
 * @author talend-sat
 */
public class SpringInternalsBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("org.springframework.http.client.SubscriberInputStream", "onNext");
		builder.allowBlockingCallsInside("org.springframework.util.MimeTypeUtils", "generateMultipartBoundary");
	}

}
