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

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.Options.ChunkedEncodingPolicy;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * The WireMock server behind the emulator: loopback only, one catch-all stub answered by
 * the {@link WireMockBridge}, and nothing of WireMock's own that could keep or print a
 * request.
 */
final class EmulatorServer {

	/**
	 * Enough threads for 64 requests held at once (a slow token endpoint under 50
	 * concurrent callers) plus Jetty's acceptor, selector and reserved threads, and no
	 * more, for small machines.
	 */
	private static final int CONTAINER_THREADS = 80;

	private static final int ACCEPT_QUEUE_SIZE = 256;

	private static final long STOP_TIMEOUT_MILLIS = 1000;

	private final Dispatcher dispatcher;

	private @Nullable WireMockServer server;

	EmulatorServer(Dispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	synchronized boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Start serving.
	 * @param port the port, 0 for any free one
	 * @return the bound port
	 */
	synchronized int start(int port) {
		if (this.server != null) {
			return this.server.port();
		}
		WireMockServer server = new WireMockServer(options(port));
		server.start();
		server.stubFor(
				WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withTransformers(WireMockBridge.NAME)));
		this.server = server;
		return server.port();
	}

	private WireMockConfiguration options(int port) {
		return WireMockConfiguration.options()
			.bindAddress(Origin.HOST)
			.port(port)
			.containerThreads(CONTAINER_THREADS)
			.jettyAcceptors(1)
			.jettyAcceptQueueSize(ACCEPT_QUEUE_SIZE)
			.jettyStopTimeout(STOP_TIMEOUT_MILLIS)
			.http2PlainDisabled(true)
			.gzipDisabled(true)
			.useChunkedTransferEncoding(ChunkedEncodingPolicy.NEVER)
			.disableRequestJournal()
			.stubRequestLoggingDisabled(true)
			.templatingEnabled(false)
			.notifier(new SilentNotifier())
			.extensions(new WireMockBridge(this.dispatcher));
	}

	synchronized void stop() {
		if (this.server != null) {
			this.server.stop();
			this.server = null;
		}
	}

}
