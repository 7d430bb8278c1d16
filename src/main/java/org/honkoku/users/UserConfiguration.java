package org.honkoku.users;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Users from the database, for the web application and for {@code ./honkoku users add} alike (so this
 * is not web-only): having our own UserDetailsService also stops Boot from inventing a default user.
 */
@Configuration(proxyBeanMethods = false)
class UserConfiguration {

    /** bcrypt today, with the algorithm's name stored in the hash so it can change later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(UserRepository users) {
        return username -> users.details(username)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
