import * as React from "react";
import { MessageBar, MessageBarBody, MessageBarTitle, useId, type MessageBarProps } from "@fluentui/react-components";

export interface MessageProps extends Omit<MessageBarProps, "title" | "children"> {
  /** A title in bold before the text; the message is named by it. */
  title?: string;
  /** A class for the message's body (e.g. to wrap long words in a narrow pane). */
  bodyClassName?: string;
  children?: React.ReactNode;
}

/**
 * A Fluent MessageBar with a name that exists. MessageBar names itself by its title's id
 * (aria-labelledby) even when it has no title, which leaves the name pointing at nothing; a message
 * without a title is named by its text instead.
 */
export function Message({ title, bodyClassName, children, ...props }: MessageProps) {
  const bodyId = useId("lev-message");
  const named = title ? {} : { "aria-labelledby": bodyId };
  return (
    <MessageBar {...named} {...props}>
      <MessageBarBody id={bodyId} className={bodyClassName}>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}
