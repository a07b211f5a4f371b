-- A login from outside the office network after failed attempts: quarantine and audit.
function on_event(vmi, event)
  if event.name == "login" then
    local f = event.fields
    if (tonumber(f.failed_attempts) or 0) >= 3 or not string.find(f.source_ip or "", "^10%.") then
      return switch_profile("security-audit")
    end
  end
end
