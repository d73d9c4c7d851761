package sqlline;

import java.sql.SQLException;

/**
 * sqlline whose SQL exceptions and warnings all go to {@link #handleException}, which subclasses
 * override: sqlline prints every warning and failure of its start-up (the connection, the
 * statements of {@code -e} and {@code -f}) with a stack trace, from a method only this package
 * can override. A subclass's {@code handleException} must not call sqlline's own for an
 * {@link SQLException}, which would come back here.
 */
public abstract class SqlExceptionsToHandler extends SqlLine {
  @Override void handleSQLException(SQLException e) {
    handleException(e);
  }
}
