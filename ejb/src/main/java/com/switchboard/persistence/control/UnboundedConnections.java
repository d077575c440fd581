package com.switchboard.persistence.control;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The application's data source without the bound on each wait for the database (switchboard.db.timeout-seconds),
 * for the schema migration only: a migration may rightly run longer than any request (an index built on a large
 * table), and nobody waits on it but the start-up. Each connection's statements run without a timeout and its
 * reads without the driver's socket timeout; the connection gets its socket timeout back before it returns to
 * the pool.
 */
final class UnboundedConnections implements DataSource {

    private final DataSource pool;

    UnboundedConnections(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return unbounded(pool.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return unbounded(pool.getConnection(user, password));
    }

    private static Connection unbounded(Connection connection) throws SQLException {
        int socketTimeout = connection.getNetworkTimeout();
        connection.setNetworkTimeout(Runnable::run, 0);
        return (Connection) Proxy.newProxyInstance(UnboundedConnections.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && !connection.isClosed()) {
                        connection.setNetworkTimeout(Runnable::run, socketTimeout);
                    }
                    Object result;
                    try {
                        result = method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof Statement statement) {
                        statement.setQueryTimeout(0);
                    }
                    return result;
                });
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return pool.isWrapperFor(type);
    }
}
