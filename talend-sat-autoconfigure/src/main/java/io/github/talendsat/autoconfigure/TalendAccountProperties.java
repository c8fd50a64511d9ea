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
package io.github.talendsat.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Configuration of one Talend Cloud service account: its credentials, where its API is,
 * and how its token is requested and kept.
 *
 * @author talend-sat
 * @since 0.1.0
 */
public class TalendAccountProperties {

	/**
	 * Client id of the service account.
	 */
	private @Nullable String clientId;

	/**
	 * Client secret of the service account.
	 */
	private @Nullable String clientSecret;

	/**
	 * Talend Cloud region whose API the account calls: us, eu, ap, au or us-west. Gives
	 * the API base URL https://api.<region>.cloud.talend.com.
	 */
	private @Nullable String region;

	/**
	 * API base URL, for environments that are not a listed region or for an emulator.
	 * Takes precedence over the region. Plain http is accepted only for a loopback host.
	 */
	private @Nullable String baseUrl;

	/**
	 * URL of the token endpoint. Defaults to the API base URL followed by
	 * /security/oauth/token.
	 */
	private @Nullable String tokenUri;

	/**
	 * Audience sent in the token request. Defaults to the API base URL without a trailing
	 * slash.
	 */
	private @Nullable String audience;

	private final Token token = new Token();

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public @Nullable String getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable String region) {
		this.region = region;
	}

	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getTokenUri() {
		return this.tokenUri;
	}

	public void setTokenUri(@Nullable String tokenUri) {
		this.tokenUri = tokenUri;
	}

	public @Nullable String getAudience() {
		return this.audience;
	}

	public void setAudience(@Nullable String audience) {
		this.audience = audience;
	}

	public Token getToken() {
		return this.token;
	}

	/**
	 * How the account's token is requested and kept.
	 */
	public static class Token {

		/**
		 * How long before its expiry a token stops being used, unless renewing it has
		 * failed. Short-lived tokens use at most a twentieth of their lifetime.
		 */
		private Duration expiryMargin = Duration.ofSeconds(60);

		/**
		 * How long before the end of its use a token is renewed in the background while
		 * callers keep using it. Short-lived tokens use at most a sixth of their
		 * lifetime.
		 */
		private Duration refreshAhead = Duration.ofMinutes(5);

		/**
		 * Lifetime assumed for a token whose response has no expires_in and that carries
		 * no JWT exp claim.
		 */
		private Duration defaultLifetime = Duration.ofMinutes(30);

		/**
		 * Connect timeout of the token request.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Read timeout of the token request: how long to wait for the response headers
		 * once the request is sent, and then for the rest of the body. Callers waiting
		 * for a token are released after the connect timeout plus the read timeout plus
		 * one second.
		 */
		private Duration readTimeout = Duration.ofSeconds(10);

		/**
		 * Wait before asking again after a first failed token request; it doubles with
		 * each further failure.
		 */
		private Duration retryInitialInterval = Duration.ofSeconds(1);

		/**
		 * Longest wait between failed token requests, and the wait after rejected
		 * credentials or a missing permission.
		 */
		private Duration retryMaxInterval = Duration.ofSeconds(60);

		public Duration getExpiryMargin() {
			return this.expiryMargin;
		}

		public void setExpiryMargin(Duration expiryMargin) {
			this.expiryMargin = expiryMargin;
		}

		public Duration getRefreshAhead() {
			return this.refreshAhead;
		}

		public void setRefreshAhead(Duration refreshAhead) {
			this.refreshAhead = refreshAhead;
		}

		public Duration getDefaultLifetime() {
			return this.defaultLifetime;
		}

		public void setDefaultLifetime(Duration defaultLifetime) {
			this.defaultLifetime = defaultLifetime;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Duration getRetryInitialInterval() {
			return this.retryInitialInterval;
		}

		public void setRetryInitialInterval(Duration retryInitialInterval) {
			this.retryInitialInterval = retryInitialInterval;
		}

		public Duration getRetryMaxInterval() {
			return this.retryMaxInterval;
		}

		public void setRetryMaxInterval(Duration retryMaxInterval) {
			this.retryMaxInterval = retryMaxInterval;
		}

	}

}
