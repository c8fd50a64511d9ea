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

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Thrown when Talend Cloud does not hand out a service-account token. Carries the HTTP
 * status of the token endpoint's answer (or {@code 0} when there was none), what that
 * answer means for a Talend service account, and a short excerpt of the response body.
 * The message never contains the client secret, the Basic credential or a token.
 *
 * @author talend-sat
 * @since 0.1.0
 */
public class TalendTokenException extends OAuth2AuthorizationException {

	private static final String ERROR_CODE = "talend_token_request_failed";

	private final Reason reason;

	private final int statusCode;

	/**
	 * Create a new exception.
	 * @param reason what went wrong
	 * @param statusCode the HTTP status of the token endpoint's answer, or {@code 0} when
	 * there was none
	 * @param message a description that contains no secret and no token
	 * @param cause the underlying failure, if any
	 */
	public TalendTokenException(Reason reason, int statusCode, String message, @Nullable Throwable cause) {
		super(new OAuth2Error(ERROR_CODE, message, null), message, cause);
		this.reason = reason;
		this.statusCode = statusCode;
	}

	/**
	 * Return what went wrong.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Return the HTTP status of the token endpoint's answer.
	 * @return the status code, or {@code 0} when the endpoint gave no answer
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Return whether asking again later may succeed. Rejected credentials and missing
	 * permissions do not heal by themselves, so they are not transient.
	 * @return whether the failure is transient
	 */
	public boolean isTransient() {
		return this.reason.isTransient();
	}

	/**
	 * What a failed token request means for a Talend service account.
	 */
	public enum Reason {

		/**
		 * The token endpoint answered 401: the client id or secret is missing or invalid.
		 */
		CREDENTIALS_REJECTED(false),

		/**
		 * The token endpoint answered 403: the service account lacks a needed permission.
		 */
		PERMISSION_DENIED(false),

		/**
		 * The token endpoint answered another 4xx status: the request itself was refused.
		 */
		REQUEST_REJECTED(false),

		/**
		 * The token endpoint answered 429 or a 5xx status.
		 */
		SERVER_ERROR(true),

		/**
		 * The token endpoint answered with success, but not with a usable token.
		 */
		INVALID_RESPONSE(true),

		/**
		 * The token endpoint did not answer in time.
		 */
		TIMEOUT(true),

		/**
		 * The token endpoint could not be reached.
		 */
		UNREACHABLE(true);

		private final boolean transientFailure;

		Reason(boolean transientFailure) {
			this.transientFailure = transientFailure;
		}

		boolean isTransient() {
			return this.transientFailure;
		}

	}

}
