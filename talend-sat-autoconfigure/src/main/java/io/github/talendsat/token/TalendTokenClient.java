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
package io.github.talendsat.token;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

import io.github.talendsat.token.TalendTokenException.Reason;

/**
 * Requests a service-account token the way Talend Cloud documents it, which Spring
 * Security's own clients cannot: a JSON object body {@code {"audience":...,
 * "grant_type":"client_credentials"}} and a Basic credential that is the plain Base64 of
 * the UTF-8 {@code id:secret} pair, not form-encoded first as RFC 6749 section 2.3.1
 * would have it.
 * <p>
 * The client id, client secret and token URI come from the grant request's
 * {@link ClientRegistration}; the audience, the API base URL of the same region, is given
 * at construction. The request runs on the JDK's HTTP client without blocking the calling
 * thread; {@link #getTokenResponse} waits for it, {@link #getTokenResponseAsync} does
 * not.
 *
 * @author talend-sat
 * @since 0.1.0
 * @see ReactiveTalendTokenClient
 */
public final class TalendTokenClient
		implements OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest>, AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The most bytes read from a token response; a token answer is a small JSON object,
	 * so anything larger is a misrouted request or a hostile endpoint.
	 */
	private static final int MAX_BODY_SIZE = 1024 * 1024;

	private final ThreadPoolExecutor executor;

	private final HttpClient httpClient;

	private final byte[] body;

	private final Duration readTimeout;

	private Clock clock = Clock.systemUTC();

	private Duration defaultLifetime = Duration.ofMinutes(30);

	private String propertyPrefix = "talend.service-account";

	/**
	 * Create a client with a connect timeout of 5 s and a read timeout of 10 s.
	 * @param audience the API base URL of the account's region, without a trailing slash
	 */
	public TalendTokenClient(String audience) {
		this(audience, Duration.ofSeconds(5), Duration.ofSeconds(10));
	}

	/**
	 * Create a client.
	 * @param audience the API base URL of the account's region, without a trailing slash
	 * @param connectTimeout how long to wait for a connection to the token endpoint
	 * @param readTimeout how long to wait for the response headers once the request is
	 * sent, and then again for the rest of the body: an endpoint that stalls half-way
	 * through its answer has its connection closed
	 */
	public TalendTokenClient(String audience, Duration connectTimeout, Duration readTimeout) {
		Assert.hasText(audience, "audience cannot be empty");
		Assert.notNull(connectTimeout, "connectTimeout cannot be null");
		Assert.notNull(readTimeout, "readTimeout cannot be null");
		this.executor = responseExecutor();
		this.httpClient = HttpClient.newBuilder()
			.executor(this.executor)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		this.body = requestBody(audience);
		this.readTimeout = readTimeout;
	}

	/**
	 * Set the clock against which a JWT's {@code exp} claim is read when the response has
	 * no {@code expires_in}. Like Spring Security's own clients, the responses are dated
	 * by the system clock. Default: the system clock in UTC.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
	}

	/**
	 * Set the lifetime given to a token whose response has no {@code expires_in} and that
	 * is not a JWT with an {@code exp} claim. Default 30 minutes, the lifetime Talend
	 * documents.
	 * @param defaultLifetime the lifetime
	 */
	public void setDefaultLifetime(Duration defaultLifetime) {
		Assert.isTrue(defaultLifetime != null && !defaultLifetime.isNegative() && !defaultLifetime.isZero(),
				"defaultLifetime must be positive");
		this.defaultLifetime = defaultLifetime;
	}

	/**
	 * Set the configuration prefix that error messages name when Talend rejects the
	 * credentials. Default {@code talend.service-account}.
	 * @param propertyPrefix the prefix
	 */
	public void setPropertyPrefix(String propertyPrefix) {
		Assert.hasText(propertyPrefix, "propertyPrefix cannot be empty");
		this.propertyPrefix = propertyPrefix;
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(OAuth2ClientCredentialsGrantRequest grantRequest) {
		try {
			return getTokenResponseAsync(grantRequest).join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * Request a token without blocking the calling thread.
	 * @param grantRequest the grant request, whose registration gives the token URI and
	 * the credentials
	 * @return the future token response; it fails with a {@link TalendTokenException}
	 */
	public CompletableFuture<OAuth2AccessTokenResponse> getTokenResponseAsync(
			OAuth2ClientCredentialsGrantRequest grantRequest) {
		return exchange(grantRequest, TalendTokenResponseParser::parse);
	}

	/**
	 * Request a token without blocking the calling thread, dated by this client's clock
	 * and with its expiry to the millisecond, where Spring Security's token response
	 * counts whole seconds from the system clock. The expiry is the earlier of
	 * {@code expires_in} and, for a JWT, its {@code exp} claim.
	 * @param grantRequest the grant request, whose registration gives the token URI and
	 * the credentials
	 * @return the future token; it fails with a {@link TalendTokenException}
	 */
	public CompletableFuture<OAuth2AccessToken> getTokenAsync(OAuth2ClientCredentialsGrantRequest grantRequest) {
		return exchange(grantRequest, TalendTokenResponseParser::parseToken);
	}

	private <T> CompletableFuture<T> exchange(OAuth2ClientCredentialsGrantRequest grantRequest, Answer<T> answer) {
		Assert.notNull(grantRequest, "grantRequest cannot be null");
		ClientRegistration registration = grantRequest.getClientRegistration();
		String tokenUri = registration.getProviderDetails().getTokenUri();
		String secret = String.valueOf(registration.getClientSecret());
		String credential = basicCredential(registration.getClientId(), secret);
		HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUri))
			.timeout(this.readTimeout)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("Authorization", "Basic " + credential)
			.POST(HttpRequest.BodyPublishers.ofByteArray(this.body))
			.build();
		List<String> secrets = List.of(secret, credential, URLEncoder.encode(secret, StandardCharsets.UTF_8));
		TalendTokenResponseParser parser = new TalendTokenResponseParser(JSON, tokenUri, this.propertyPrefix,
				this.defaultLifetime, this.clock, secrets);
		return this.httpClient.sendAsync(request, (info) -> new BoundedBodySubscriber(info, this.readTimeout))
			.handle((response, error) -> {
				if (error != null) {
					BodyTooLargeException tooLarge = bodyTooLarge(error);
					if (tooLarge != null) {
						throw parser.tooLarge(tooLarge.status, tooLarge.contentType, MAX_BODY_SIZE);
					}
					throw transportFailure(tokenUri, error);
				}
				String contentType = response.headers().firstValue("Content-Type").orElse(null);
				return answer.read(parser, response.statusCode(), contentType, response.body());
			});
	}

	/**
	 * How the token endpoint's answer is read.
	 */
	@FunctionalInterface
	private interface Answer<T> {

		T read(TalendTokenResponseParser parser, int status, String contentType, byte[] body);

	}

	/**
	 * Release the threads of the client: no request can be sent afterwards.
	 */
	@Override
	public void close() {
		this.executor.shutdown();
		try {
			// Java 21 and later can stop the HTTP client's own selector thread at once;
			// on Java 17 it ends once the client is no longer reachable.
			HttpClient.class.getMethod("shutdownNow").invoke(this.httpClient);
		}
		catch (ReflectiveOperationException ex) {
			// Not available before Java 21.
		}
	}

	/**
	 * The JDK client completes responses on its executor, where the token is parsed and
	 * handed to the waiting callers. Its default pool keeps idle threads for a minute;
	 * this one lets them go after a few seconds and names them.
	 */
	private static ThreadPoolExecutor responseExecutor() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("talend-sat-token-");
		threads.setDaemon(true);
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
	}

	private static byte[] requestBody(String audience) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("audience", audience);
		body.put("grant_type", "client_credentials");
		return JSON.writeValueAsBytes(body);
	}

	/**
	 * Talend reads the credential as the raw pair, so nothing is URL-encoded before
	 * Base64.
	 */
	private static String basicCredential(String clientId, String clientSecret) {
		String pair = clientId + ":" + clientSecret;
		return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	private static @Nullable BodyTooLargeException bodyTooLarge(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyTooLargeException tooLarge) {
				return tooLarge;
			}
		}
		return null;
	}

	private static TalendTokenException transportFailure(String tokenUri, Throwable error) {
		Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
		if (cause instanceof HttpConnectTimeoutException) {
			return new TalendTokenException(Reason.TIMEOUT, 0,
					"Could not connect to the Talend token endpoint " + tokenUri + " in time", cause);
		}
		if (cause instanceof HttpTimeoutException) {
			return new TalendTokenException(Reason.TIMEOUT, 0,
					"The Talend token endpoint " + tokenUri + " did not answer in time", cause);
		}
		if (isUnresolvedHost(cause)) {
			return new TalendTokenException(Reason.UNREACHABLE, 0,
					"Could not resolve the host of the Talend token endpoint " + tokenUri, cause);
		}
		if (cause instanceof ConnectException) {
			return new TalendTokenException(Reason.UNREACHABLE, 0,
					"Could not connect to the Talend token endpoint " + tokenUri + ": connection refused", cause);
		}
		String kind = (cause instanceof IOException) ? "an I/O error" : cause.getClass().getSimpleName();
		return new TalendTokenException(Reason.UNREACHABLE, 0,
				"The Talend token request to " + tokenUri + " failed with " + kind, cause);
	}

	private static boolean isUnresolvedHost(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Collects a response body of at most {@link #MAX_BODY_SIZE} bytes and stops reading
	 * as soon as it is known to be larger, so that an oversized answer is never held in
	 * memory whole.
	 */
	private static final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

		private final CompletableFuture<byte[]> body = new CompletableFuture<>();

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final HttpResponse.ResponseInfo info;

		private final Duration timeout;

		private volatile Flow.@Nullable Subscription subscription;

		BoundedBodySubscriber(HttpResponse.ResponseInfo info, Duration timeout) {
			this.info = info;
			this.timeout = timeout;
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.body;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			if (this.info.headers().firstValueAsLong("Content-Length").orElse(0) > MAX_BODY_SIZE) {
				tooLarge();
				return;
			}
			CompletableFuture.delayedExecutor(this.timeout.toMillis(), TimeUnit.MILLISECONDS).execute(this::timeOut);
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			if (this.body.isDone()) {
				return;
			}
			for (ByteBuffer buffer : buffers) {
				if (buffer.remaining() > MAX_BODY_SIZE - this.bytes.size()) {
					tooLarge();
					return;
				}
				byte[] chunk = new byte[buffer.remaining()];
				buffer.get(chunk);
				this.bytes.writeBytes(chunk);
			}
		}

		@Override
		public void onError(Throwable error) {
			this.body.completeExceptionally(error);
		}

		@Override
		public void onComplete() {
			this.body.complete(this.bytes.toByteArray());
		}

		/**
		 * Give up on a body that did not arrive whole in time: cancelling the
		 * subscription closes the connection.
		 */
		private void timeOut() {
			if (this.body.isDone()) {
				return;
			}
			Flow.Subscription current = this.subscription;
			if (current != null) {
				current.cancel();
			}
			this.body.completeExceptionally(
					new HttpTimeoutException("Response body not complete within " + this.timeout.toMillis() + " ms"));
		}

		private void tooLarge() {
			if (this.subscription != null) {
				this.subscription.cancel();
			}
			this.body.completeExceptionally(new BodyTooLargeException(this.info.statusCode(),
					this.info.headers().firstValue("Content-Type").orElse(null)));
		}

	}

	/**
	 * Ends the reading of a response body that is larger than {@link #MAX_BODY_SIZE}.
	 */
	private static final class BodyTooLargeException extends IOException {

		private final int status;

		private final @Nullable String contentType;

		BodyTooLargeException(int status, @Nullable String contentType) {
			super("Response body larger than " + MAX_BODY_SIZE + " bytes");
			this.status = status;
			this.contentType = contentType;
		}

	}

}
