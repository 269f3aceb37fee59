"use client";
// Lead and members of a case, for managers and admins. Members are added and removed one at a time
// (member-picker.tsx); saving asks first when it would remove someone, and the toast says what changed.
import { useActionState, useState, type FormEvent, type RefObject } from "react";
import { idleState, type ActionState, type FormAction } from "@/components/action-state";
import { Field } from "@/components/field";
import { FormAlert } from "@/components/form-alert";
import { inputClass } from "@/components/form-styles";
import { MemberPicker, type PickableUser } from "@/components/cases/member-picker";
import { Panel } from "@/components/panel";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

type Props = { action: FormAction; caseNumber: string; users: PickableUser[]; leadId: string | null; memberIds: string[] };

export function CaseAssignmentForm(props: Props) {
  // The action's state lives here, above the key: a save that changes the assignment re-mounts the
  // form below (so it starts from what the server now holds) without losing the answer and its toast.
  const [state, formAction] = useActionState(props.action, idleState);
  const { formRef } = useFormFeedback(state);
  const key = `${props.leadId}|${props.memberIds.join(",")}`;
  return (
    <Panel title="Assignment" id="case-assignment">
      <AssignmentForm key={key} {...props} state={state} formAction={formAction} formRef={formRef} />
    </Panel>
  );
}

type FormProps = Props & { state: ActionState; formAction: (form: FormData) => void; formRef: RefObject<HTMLFormElement | null> };

function AssignmentForm({ caseNumber, users, leadId, memberIds: saved, state, formAction, formRef }: FormProps) {
  const [lead, setLead] = useState(leadId ?? "");
  const [members, setMembers] = useState(saved);
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? id;

  function chooseLead(id: string) {
    setLead(id);
    if (id && !members.includes(id)) setMembers([...members, id]); // the lead is always a member
  }

  function confirmRemovals(event: FormEvent<HTMLFormElement>) {
    const removed = saved.filter((id) => !members.includes(id) && id !== lead);
    if (!removed.length) return;
    const names = removed.map(nameOf).join(", ");
    if (!window.confirm(`Remove ${names} from ${caseNumber}? They will no longer be members of this case.`)) {
      event.preventDefault();
    }
  }

  return (
    <form ref={formRef} action={formAction} onSubmit={confirmRemovals} className="space-y-3">
      <input type="hidden" name="caseId" value={caseNumber} />
      <FormAlert state={state} />
      <Field name="leadId" label="Lead" errors={state.fieldErrors?.leadId} idPrefix="assign">
        {(c) => (
          <select {...c} value={lead} onChange={(e) => chooseLead(e.target.value)} className={inputClass}>
            <option value="">No lead</option>
            {users.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        )}
      </Field>
      <MemberPicker users={users} memberIds={members} onChange={setMembers} leadId={lead || null} errors={state.fieldErrors?.memberIds} />
      <SubmitButton variant="secondary">Save assignment</SubmitButton>
    </form>
  );
}
