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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.client.ClientRequest;

/**
 * Keeps a copy of what a request's body wrote, so that the request can be sent again
 * after a 401 even when its body could be read only once (a forwarded request body, a
 * unicast sink). Holds one copy of the body until the exchange is over.
 *
 * @author talend-sat
 */
final class RecordedBody {

	private final List<byte[]> chunks = new CopyOnWriteArrayList<>();

	private final HttpHeaders written = new HttpHeaders();

	private volatile boolean complete;

	/**
	 * Return the request with a body that records what it writes.
	 */
	ClientRequest record(ClientRequest request) {
		return ClientRequest.from(request)
			.body((message, context) -> request.body().insert(new Recording(message), context))
			.build();
	}

	/**
	 * Return the request with a body that writes the recorded copy, or the request as it
	 * was if its body did not finish writing the first time.
	 */
	ClientRequest replay(ClientRequest request) {
		if (!this.complete) {
			return request;
		}
		return ClientRequest.from(request).body((message, context) -> {
			this.written.forEach(message.getHeaders()::put);
			if (this.chunks.isEmpty()) {
				return message.setComplete();
			}
			return message.writeWith(Flux.fromIterable(this.chunks).map(message.bufferFactory()::wrap));
		}).build();
	}

	private byte[] copy(DataBuffer buffer) {
		byte[] bytes = new byte[buffer.readableByteCount()];
		int position = buffer.readPosition();
		buffer.read(bytes);
		buffer.readPosition(position);
		this.chunks.add(bytes);
		return bytes;
	}

	/**
	 * The encoders set headers on the message while writing, not on the request: a
	 * content type with its multipart boundary, a content length. Those that writing the
	 * body added or changed are kept, to be set again on the replayed message over what
	 * the request says, since they describe the recorded bytes.
	 */
	private void keepWrittenHeaders(HttpHeaders before, HttpHeaders after) {
		this.written.clear();
		after.forEach((name, values) -> {
			if (!values.equals(before.get(name))) {
				this.written.put(name, values);
			}
		});
	}

	private final class Recording extends ClientHttpRequestDecorator {

		private final HttpHeaders before;

		Recording(ClientHttpRequest delegate) {
			super(delegate);
			this.before = new HttpHeaders();
			this.before.addAll(delegate.getHeaders());
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return super.writeWith(Flux.from(body).doOnNext(RecordedBody.this::copy).doOnComplete(this::finished));
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return super.writeAndFlushWith(Flux.from(body)
				.map((part) -> Flux.from(part).doOnNext(RecordedBody.this::copy))
				.doOnComplete(this::finished));
		}

		@Override
		public Mono<Void> setComplete() {
			finished();
			return super.setComplete();
		}

		private void finished() {
			keepWrittenHeaders(this.before, getHeaders());
			RecordedBody.this.complete = true;
		}

	}

}
