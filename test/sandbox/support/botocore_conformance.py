"""Drives `bkp sandbox serve` with botocore (RDS, EFS, FSx, and AWS Backup's account settings) and checks every raw reply against botocore's service
model: no member the model does not know, every required member present, scalars of the right
type, enum values from the enum, list members named as the model names them (XML), pagination as
botocore's paginators follow it, and errors whose code the operation models.

Usage: botocore_conformance.py ENDPOINT REGION FIXTURE_JSON [backup-rule-fields | restore-testing | copy-jobs | restore-jobs | audit-manager | report-jobs]
FIXTURE_JSON names the resources the test created ({"fileSystemId": ..., ...}); the optional
section name checks that section instead of the source services (RDS, EFS, FSx).
Prints one JSON object: {"checked": [operation, ...], "problems": [text, ...]}.
"""
import json
import sys
import xml.etree.ElementTree as ET

import botocore.session
from botocore.exceptions import ClientError

endpoint, region, fixture = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
session = botocore.session.get_session()
problems = []
checked = []


def local(tag):
    return tag.split('}', 1)[-1]


def check_scalar(shape, value, where):
    kind = shape.type_name
    if kind == 'string':
        if not isinstance(value, str):
            problems.append(f'{where}: expected a string, got {value!r}')
        elif shape.enum and value not in shape.enum:
            problems.append(f'{where}: {value!r} is not one of {shape.enum}')
    elif kind in ('integer', 'long'):
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(f'{where}: expected an integer, got {value!r}')
    elif kind in ('double', 'float'):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(f'{where}: expected a number, got {value!r}')
    elif kind == 'boolean':
        if not isinstance(value, bool):
            problems.append(f'{where}: expected a boolean, got {value!r}')
    elif kind == 'timestamp':
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            problems.append(f'{where}: expected a timestamp, got {value!r}')


def check_json(shape, value, where):
    kind = shape.type_name
    if kind == 'structure':
        if not isinstance(value, dict):
            problems.append(f'{where}: expected an object, got {value!r}')
            return
        by_wire = {m.serialization.get('name', name): (name, m) for name, m in shape.members.items()}
        for key, item in value.items():
            if key not in by_wire:
                problems.append(f'{where}: {key} is not a member of {shape.name}')
                continue
            check_json(by_wire[key][1], item, f'{where}.{key}')
        for required in shape.required_members:
            wire = shape.members[required].serialization.get('name', required)
            if wire not in value:
                problems.append(f'{where}: required {required} of {shape.name} is missing')
    elif kind == 'list':
        if not isinstance(value, list):
            problems.append(f'{where}: expected a list, got {value!r}')
            return
        for i, item in enumerate(value):
            check_json(shape.member, item, f'{where}[{i}]')
    elif kind == 'map':
        for key, item in (value or {}).items():
            check_json(shape.value, item, f'{where}.{key}')
    else:
        check_scalar(shape, value, where)


def xml_scalar(shape, text):
    kind = shape.type_name
    if kind in ('integer', 'long'):
        return int(text) if text.lstrip('-').isdigit() else text
    if kind in ('double', 'float'):
        try:
            return float(text)
        except ValueError:
            return text
    if kind == 'boolean':
        return {'true': True, 'false': False}.get(text, text)
    return text


def check_xml(shape, element, where):
    kind = shape.type_name
    if kind == 'structure':
        by_wire = {m.serialization.get('name', name): (name, m) for name, m in shape.members.items()}
        seen = set()
        for child in element:
            tag = local(child.tag)
            if tag not in by_wire:
                problems.append(f'{where}: {tag} is not a member of {shape.name}')
                continue
            seen.add(tag)
            check_xml(by_wire[tag][1], child, f'{where}.{tag}')
        for required in shape.required_members:
            if shape.members[required].serialization.get('name', required) not in seen:
                problems.append(f'{where}: required {required} of {shape.name} is missing')
    elif kind == 'list':
        member = shape.member.serialization.get('name', 'member')
        for i, child in enumerate(element):
            if local(child.tag) != member:
                problems.append(f'{where}[{i}]: list member <{local(child.tag)}>, the model says <{member}>')
            check_xml(shape.member, child, f'{where}[{i}]')
    else:
        check_scalar(shape, xml_scalar(shape, element.text or ''), where)


def check_reply(service_model, operation_name, http_response):
    operation = service_model.operation_model(operation_name)
    where = f'{service_model.service_name}.{operation_name}'
    checked.append(where)
    body = http_response.content
    if http_response.status_code >= 300:
        return
    if operation.output_shape is None:
        # An operation without output (DeleteBackupVault, DeleteRecoveryPoint) answers with an empty body or an empty object.
        if body.strip() not in (b'', b'{}'):
            problems.append(f'{where}: a body for an operation without output: {body[:200]!r}')
        return
    if service_model.protocol == 'query':
        root = ET.fromstring(body)
        wrapper = operation.output_shape.serialization.get('resultWrapper')
        result = next((c for c in root if local(c.tag) == wrapper), None)
        if result is None:
            problems.append(f'{where}: no <{wrapper}> in the reply')
            return
        check_xml(operation.output_shape, result, where)
    elif operation.output_shape is None:
        if body.strip() not in (b'', b'{}'):
            problems.append(f'{where}: the operation has no output, but the reply has a body: {body[:200]!r}')
    else:
        check_json(operation.output_shape, json.loads(body or b'{}'), where)


def client(service):
    c = session.create_client(service, region_name=region, endpoint_url=endpoint,
                              aws_access_key_id='AKIABOTOCORE', aws_secret_access_key='botocore')
    model = c.meta.service_model
    c.meta.events.register('after-call', lambda http_response, model, **kwargs: check_reply(model.service_model, model.name, http_response))
    return c


def expect_error(call, code, status):
    try:
        call()
        problems.append(f'expected {code}, but the call succeeded')
    except ClientError as e:
        got = e.response['Error']['Code']
        got_status = e.response['ResponseMetadata']['HTTPStatusCode']
        if got != code or got_status != status:
            problems.append(f'expected {code} ({status}), got {got} ({got_status})')


def check_backup_rule_fields():
    """Backup: a plan with every rule and plan field, StartBackupJob's Index and air-gapped vault,
    UpdateRecoveryPointLifecycle and ListProtectedResources (fixture from the backup rule fields test)."""
    backup = client('backup')
    rule = {
        'RuleName': 'daily', 'TargetBackupVaultName': fixture['vault'],
        'TargetLogicallyAirGappedBackupVaultArn': fixture['airGappedVaultArn'],
        'Lifecycle': {'DeleteAfterDays': 35, 'OptInToArchiveForSupportedResources': True},
        'CopyActions': [{'DestinationBackupVaultArn': fixture['airGappedVaultArn'], 'Lifecycle': {'DeleteAfterDays': 40, 'OptInToArchiveForSupportedResources': True}}],
        'IndexActions': [{'ResourceTypes': ['EBS']}],
        'ScanActions': [{'MalwareScanner': 'GUARDDUTY', 'ScanMode': 'INCREMENTAL_SCAN'}],
    }
    plan = {
        'BackupPlanName': 'every-field', 'Rules': [rule],
        'AdvancedBackupSettings': [{'ResourceType': 'S3', 'BackupOptions': {'BackupACLs': 'disabled'}}],
        'ScanSettings': [{'MalwareScanner': 'GUARDDUTY', 'ResourceTypes': ['EBS'], 'ScannerRoleArn': fixture['role']}],
    }
    created = backup.create_backup_plan(BackupPlan=plan)
    read = backup.get_backup_plan(BackupPlanId=created['BackupPlanId'])['BackupPlan']
    for member in ('TargetLogicallyAirGappedBackupVaultArn', 'IndexActions', 'ScanActions', 'Lifecycle', 'CopyActions'):
        if read['Rules'][0].get(member) != rule[member]:
            problems.append(f"get_backup_plan {member}: {read['Rules'][0].get(member)!r}")
    for member in ('AdvancedBackupSettings', 'ScanSettings'):
        if read.get(member) != plan[member]:
            problems.append(f'get_backup_plan {member}: {read.get(member)!r}')
    rule['ScanActions'] = [{'MalwareScanner': 'GUARDDUTY', 'ScanMode': 'FULL_SCAN'}]
    backup.update_backup_plan(BackupPlanId=created['BackupPlanId'], BackupPlan=plan)
    expect_error(lambda: backup.create_backup_plan(BackupPlan={**plan, 'BackupPlanName': 'bad', 'Rules': [{**rule, 'IndexActions': [{'ResourceTypes': ['RDS']}]}]}),
                 'InvalidParameterValueException', 400)

    job = backup.start_backup_job(BackupVaultName=fixture['vault'], ResourceArn=fixture['volume'], IamRoleArn=fixture['role'],
                                  Index='ENABLED', LogicallyAirGappedBackupVaultArn=fixture['airGappedVaultArn'],
                                  Lifecycle={'DeleteAfterDays': 30, 'OptInToArchiveForSupportedResources': True})
    backup.describe_backup_job(BackupJobId=job['BackupJobId'])
    expect_error(lambda: backup.start_backup_job(BackupVaultName=fixture['vault'], ResourceArn=fixture['volume'], IamRoleArn=fixture['role'],
                                                 LogicallyAirGappedBackupVaultArn=fixture['airGappedVaultArn'].replace(':backup-vault:', ':backup-vault:missing-')),
                 'ResourceNotFoundException', 400)
    expect_error(lambda: backup.start_backup_job(BackupVaultName=fixture['vault'], ResourceArn=fixture['volume'], IamRoleArn=fixture['role'], Index='ON'),
                 'InvalidParameterValueException', 400)

    backup.describe_recovery_point(BackupVaultName=fixture['vault'], RecoveryPointArn=fixture['recoveryPoint'])
    updated = backup.update_recovery_point_lifecycle(BackupVaultName=fixture['vault'], RecoveryPointArn=fixture['recoveryPoint'], Lifecycle={'DeleteAfterDays': 90})
    if updated.get('Lifecycle') != {'DeleteAfterDays': 90}:
        problems.append(f"update_recovery_point_lifecycle Lifecycle: {updated.get('Lifecycle')!r}")
    expect_error(lambda: backup.update_recovery_point_lifecycle(BackupVaultName=fixture['vault'], RecoveryPointArn=fixture['recoveryPoint'],
                                                                Lifecycle={'MoveToColdStorageAfterDays': 10, 'DeleteAfterDays': 20}),
                 'InvalidParameterValueException', 400)
    expect_error(lambda: backup.update_recovery_point_lifecycle(BackupVaultName=fixture['vault'], RecoveryPointArn=fixture['recoveryPoint'] + '0',
                                                                Lifecycle={'DeleteAfterDays': 90}),
                 'ResourceNotFoundException', 400)

    pages = list(backup.get_paginator('list_protected_resources').paginate(PaginationConfig={'PageSize': 2}))
    listed = [r['ResourceArn'] for p in pages for r in p['Results']]
    if len(listed) != fixture['protectedResources'] or len(set(listed)) != len(listed) or any(len(p['Results']) > 2 for p in pages):
        problems.append(f'list_protected_resources pages: {[len(p["Results"]) for p in pages]}')


def check_restore_testing():
    """Backup: restore testing plans and selections, every operation, pagination (PascalCase query
    members) and modelled errors (fixture from the restore testing test)."""
    backup = client('backup')
    modelled_error = modelled_error_checker(backup)
    selection = {'Algorithm': 'RANDOM_WITHIN_WINDOW', 'IncludeVaults': ['*'], 'RecoveryPointTypes': ['SNAPSHOT', 'CONTINUOUS'],
                 'ExcludeVaults': [fixture['vaultArn']], 'SelectionWindowDays': 14}
    for name in ('daily', 'weekly', 'monthly'):
        backup.create_restore_testing_plan(RestoreTestingPlan={'RestoreTestingPlanName': name, 'ScheduleExpression': 'cron(0 5 ? * * *)',
                                                               'ScheduleExpressionTimezone': 'Europe/Paris', 'StartWindowHours': 12,
                                                               'RecoveryPointSelection': selection},
                                           Tags={'team': 'infra'}, CreatorRequestId=f'req-{name}')
    read = backup.get_restore_testing_plan(RestoreTestingPlanName='weekly')['RestoreTestingPlan']
    if read['RecoveryPointSelection'] != selection or read['StartWindowHours'] != 12:
        problems.append(f'get_restore_testing_plan: {read!r}')
    backup.update_restore_testing_plan(RestoreTestingPlanName='weekly', RestoreTestingPlan={'StartWindowHours': 48})
    pages = list(backup.get_paginator('list_restore_testing_plans').paginate(PaginationConfig={'PageSize': 2}))
    if [len(p['RestoreTestingPlans']) for p in pages] != [2, 1]:
        problems.append(f"list_restore_testing_plans pages: {[len(p['RestoreTestingPlans']) for p in pages]}")
    modelled_error('CreateRestoreTestingPlan', lambda: backup.create_restore_testing_plan(RestoreTestingPlan={
        'RestoreTestingPlanName': 'weekly', 'ScheduleExpression': 'cron(0 5 ? * * *)', 'RecoveryPointSelection': selection}), 'AlreadyExistsException', 400)
    modelled_error('CreateRestoreTestingPlan', lambda: backup.create_restore_testing_plan(RestoreTestingPlan={
        'RestoreTestingPlanName': 'bad-name', 'ScheduleExpression': 'cron(0 5 ? * * *)', 'RecoveryPointSelection': selection}), 'InvalidParameterValueException', 400)
    modelled_error('UpdateRestoreTestingPlan', lambda: backup.update_restore_testing_plan(RestoreTestingPlanName='weekly', RestoreTestingPlan={'StartWindowHours': 169}),
                   'InvalidParameterValueException', 400)
    modelled_error('GetRestoreTestingPlan', lambda: backup.get_restore_testing_plan(RestoreTestingPlanName='missing'), 'ResourceNotFoundException', 400)

    conditions = {'StringEquals': [{'Key': 'aws:ResourceTag/env', 'Value': 'prod'}], 'StringNotEquals': []}
    for name in ('tagged', 'other'):
        backup.create_restore_testing_selection(RestoreTestingPlanName='weekly', CreatorRequestId=f'sel-{name}', RestoreTestingSelection={
            'RestoreTestingSelectionName': name, 'ProtectedResourceType': 'RDS', 'IamRoleArn': fixture['role'],
            'ProtectedResourceArns': ['*'], 'ProtectedResourceConditions': conditions,
            'RestoreMetadataOverrides': {'dbinstanceclass': 'db.t3.micro'}, 'ValidationWindowHours': 4})
    got = backup.get_restore_testing_selection(RestoreTestingPlanName='weekly', RestoreTestingSelectionName='tagged')['RestoreTestingSelection']
    if got['ProtectedResourceConditions'] != conditions or got['ValidationWindowHours'] != 4:
        problems.append(f'get_restore_testing_selection: {got!r}')
    backup.update_restore_testing_selection(RestoreTestingPlanName='weekly', RestoreTestingSelectionName='other', RestoreTestingSelection={
        'ProtectedResourceArns': [fixture['resource']], 'ProtectedResourceConditions': {'StringEquals': [], 'StringNotEquals': []}})
    pages = list(backup.get_paginator('list_restore_testing_selections').paginate(RestoreTestingPlanName='weekly', PaginationConfig={'PageSize': 1}))
    if [len(p['RestoreTestingSelections']) for p in pages] != [1, 1]:
        problems.append(f"list_restore_testing_selections pages: {[len(p['RestoreTestingSelections']) for p in pages]}")
    modelled_error('CreateRestoreTestingSelection', lambda: backup.create_restore_testing_selection(RestoreTestingPlanName='missing', RestoreTestingSelection={
        'RestoreTestingSelectionName': 'x', 'ProtectedResourceType': 'RDS', 'IamRoleArn': fixture['role'], 'ProtectedResourceArns': ['*']}), 'ResourceNotFoundException', 400)
    modelled_error('CreateRestoreTestingSelection', lambda: backup.create_restore_testing_selection(RestoreTestingPlanName='weekly', RestoreTestingSelection={
        'RestoreTestingSelectionName': 'both', 'ProtectedResourceType': 'RDS', 'IamRoleArn': fixture['role'],
        'ProtectedResourceArns': [fixture['resource']], 'ProtectedResourceConditions': conditions}), 'InvalidParameterValueException', 400)
    modelled_error('CreateRestoreTestingSelection', lambda: backup.create_restore_testing_selection(RestoreTestingPlanName='weekly', RestoreTestingSelection={
        'RestoreTestingSelectionName': 'tagged', 'ProtectedResourceType': 'RDS', 'IamRoleArn': fixture['role'], 'ProtectedResourceArns': ['*']}), 'AlreadyExistsException', 400)
    modelled_error('UpdateRestoreTestingSelection', lambda: backup.update_restore_testing_selection(RestoreTestingPlanName='weekly', RestoreTestingSelectionName='other',
                   RestoreTestingSelection={'ValidationWindowHours': 200}), 'InvalidParameterValueException', 400)
    modelled_error('GetRestoreTestingSelection', lambda: backup.get_restore_testing_selection(RestoreTestingPlanName='weekly', RestoreTestingSelectionName='missing'),
                   'ResourceNotFoundException', 400)
    modelled_error('ListRestoreTestingSelections', lambda: backup.list_restore_testing_selections(RestoreTestingPlanName='missing'), 'ResourceNotFoundException', 400)
    modelled_error('DeleteRestoreTestingPlan', lambda: backup.delete_restore_testing_plan(RestoreTestingPlanName='weekly'), 'InvalidRequestException', 400)
    for name in ('tagged', 'other'):
        backup.delete_restore_testing_selection(RestoreTestingPlanName='weekly', RestoreTestingSelectionName=name)
    modelled_error('DeleteRestoreTestingSelection', lambda: backup.delete_restore_testing_selection(RestoreTestingPlanName='weekly', RestoreTestingSelectionName='tagged'),
                   'ResourceNotFoundException', 400)
    backup.delete_restore_testing_plan(RestoreTestingPlanName='weekly')


def modelled_error_checker(backup):
    """expect_error, and the code must be one the operation's model lists."""
    def check(operation_name, call, code, status):
        modelled = [shape.name for shape in backup.meta.service_model.operation_model(operation_name).error_shapes]
        if code not in modelled:
            problems.append(f'{operation_name} does not model {code} (it models {modelled})')
        expect_error(call, code, status)
    return check


def check_copy_jobs():
    """Backup: copy jobs of a plan rule (fixture from the copy jobs test: completed and failed copies
    already made) and StartCopyJob into the DR region's vault."""
    backup = client('backup')
    pages = list(backup.get_paginator('list_copy_jobs').paginate(PaginationConfig={'PageSize': 1}))
    listed = [j['CopyJobId'] for p in pages for j in p['CopyJobs']]
    if len(listed) != fixture['copyJobs'] or len(set(listed)) != len(listed) or any(len(p['CopyJobs']) > 1 for p in pages):
        problems.append(f'list_copy_jobs pages: {[len(p["CopyJobs"]) for p in pages]}')
    for state, count in fixture['byState'].items():
        got = len(backup.list_copy_jobs(ByState=state)['CopyJobs'])
        if got != count:
            problems.append(f'list_copy_jobs ByState={state}: {got} jobs, expected {count}')
    by_destination = backup.list_copy_jobs(ByDestinationVaultArn=fixture['destinationVaultArn'])['CopyJobs']
    if any(j['DestinationBackupVaultArn'] != fixture['destinationVaultArn'] for j in by_destination) or not by_destination:
        problems.append('list_copy_jobs ByDestinationVaultArn listed other destinations (or none)')
    described = backup.describe_copy_job(CopyJobId=listed[0])['CopyJob']
    if described['CopyJobId'] != listed[0]:
        problems.append(f"describe_copy_job answered {described['CopyJobId']}")
    started = backup.start_copy_job(RecoveryPointArn=fixture['recoveryPoint'], SourceBackupVaultName=fixture['vault'],
                                    DestinationBackupVaultArn=fixture['destinationVaultArn'], IamRoleArn=fixture['role'],
                                    IdempotencyToken='conformance', Lifecycle={'DeleteAfterDays': 40})
    backup.describe_copy_job(CopyJobId=started['CopyJobId'])
    expect_error(lambda: backup.describe_copy_job(CopyJobId='00000000-0000-0000-0000-000000000000'), 'ResourceNotFoundException', 400)
    expect_error(lambda: backup.list_copy_jobs(ByState='DONE'), 'InvalidParameterValueException', 400)
    expect_error(lambda: backup.start_copy_job(RecoveryPointArn=fixture['recoveryPoint'] + '0', SourceBackupVaultName=fixture['vault'],
                                               DestinationBackupVaultArn=fixture['destinationVaultArn'], IamRoleArn=fixture['role']),
                 'ResourceNotFoundException', 400)


def check_restore_jobs():
    """Backup: restore metadata, restore jobs (start, describe, list with pages), validation results
    (fixture from the restore jobs test: a vault with an EC2 and an EBS recovery point, and a completed restore job)."""
    backup = client('backup')

    def expect_modelled_error(operation_name, call, code, status):
        modelled = [shape.name for shape in backup.meta.service_model.operation_model(operation_name).error_shapes]
        if code not in modelled:
            problems.append(f'{operation_name} does not model {code} (it models {modelled})')
        expect_error(call, code, status)

    ec2_meta = backup.get_recovery_point_restore_metadata(BackupVaultName=fixture['vault'], RecoveryPointArn=fixture['ec2Point'])
    ebs_meta = backup.get_recovery_point_restore_metadata(BackupVaultName=fixture['vault'], RecoveryPointArn=fixture['ebsPoint'])
    if ec2_meta['ResourceType'] != 'EC2' or 'InstanceType' not in ec2_meta['RestoreMetadata']:
        problems.append(f"get_recovery_point_restore_metadata (EC2): {ec2_meta['ResourceType']} {ec2_meta['RestoreMetadata']}")
    ids = [backup.start_restore_job(RecoveryPointArn=fixture['ec2Point'], Metadata=ec2_meta['RestoreMetadata'], IamRoleArn=fixture['role'],
                                    IdempotencyToken=f'restore-{i}', ResourceType='EC2', CopySourceTagsToRestoredResource=True)['RestoreJobId']
           for i in range(2)]
    ids.append(backup.start_restore_job(RecoveryPointArn=fixture['ebsPoint'], Metadata=ebs_meta['RestoreMetadata'])['RestoreJobId'])
    backup.describe_restore_job(RestoreJobId=ids[0])
    backup.describe_restore_job(RestoreJobId=fixture['completedJob'])
    pages = list(backup.get_paginator('list_restore_jobs').paginate(PaginationConfig={'PageSize': 2}))
    listed = [j['RestoreJobId'] for p in pages for j in p['RestoreJobs']]
    if sorted(listed) != sorted(ids + [fixture['completedJob']]) or any(len(p['RestoreJobs']) > 2 for p in pages):
        problems.append(f'list_restore_jobs pages: {[len(p["RestoreJobs"]) for p in pages]}')
    if [j['RestoreJobId'] for j in backup.list_restore_jobs(ByStatus='COMPLETED')['RestoreJobs']] != [fixture['completedJob']]:
        problems.append('list_restore_jobs ByStatus=COMPLETED lists other jobs')
    backup.put_restore_validation_result(RestoreJobId=fixture['completedJob'], ValidationStatus='SUCCESSFUL', ValidationStatusMessage='ok')
    expect_modelled_error('PutRestoreValidationResult', lambda: backup.put_restore_validation_result(RestoreJobId=ids[0], ValidationStatus='SUCCESSFUL'),
                          'InvalidRequestException', 400)
    expect_modelled_error('StartRestoreJob', lambda: backup.start_restore_job(RecoveryPointArn=fixture['ebsPoint'], Metadata={'volumeSize': '8'}),
                          'MissingParameterValueException', 400)
    expect_modelled_error('StartRestoreJob', lambda: backup.start_restore_job(RecoveryPointArn=fixture['ebsPoint'] + '0', Metadata=ebs_meta['RestoreMetadata']),
                          'ResourceNotFoundException', 400)
    expect_modelled_error('StartRestoreJob', lambda: backup.start_restore_job(RecoveryPointArn=fixture['ec2Point'], Metadata=ec2_meta['RestoreMetadata'], ResourceType='EBS'),
                          'InvalidParameterValueException', 400)
    expect_modelled_error('GetRecoveryPointRestoreMetadata', lambda: backup.get_recovery_point_restore_metadata(BackupVaultName=fixture['vault'], RecoveryPointArn='arn:aws:backup:x'),
                          'ResourceNotFoundException', 400)
    expect_modelled_error('DescribeRestoreJob', lambda: backup.describe_restore_job(RestoreJobId='missing'), 'ResourceNotFoundException', 400)


def check_audit_manager():
    """Backup Audit Manager: frameworks and report plans (create, describe, update, list page by
    page with MaxResults/NextToken as botocore sends them, delete) and their modelled errors."""
    backup = client('backup')

    def modelled_error(operation_name, call, code, status):
        modelled = [shape.name for shape in backup.meta.service_model.operation_model(operation_name).error_shapes]
        if code not in modelled:
            problems.append(f'{operation_name} does not model {code} (it models {modelled})')
        expect_error(call, code, status)

    retention = {'ControlName': 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
                 'ControlInputParameters': [{'ParameterName': 'requiredRetentionDays', 'ParameterValue': '35'}]}
    scoped = {'ControlName': 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
              'ControlScope': {'ComplianceResourceTypes': ['EC2'], 'ComplianceResourceIds': ['i-0abc'], 'Tags': {'env': 'prod'}}}
    arns = [backup.create_framework(FrameworkName=f'framework_{i}', FrameworkDescription='audit', FrameworkControls=[retention, scoped],
                                    FrameworkTags={'team': 'sec'})['FrameworkArn'] for i in range(3)]
    described = backup.describe_framework(FrameworkName='framework_0')
    if described['FrameworkControls'] != [retention, scoped]:
        problems.append(f"describe_framework controls: {described['FrameworkControls']!r}")
    backup.update_framework(FrameworkName='framework_0', FrameworkControls=[scoped])
    names, token = [], None
    while True:
        page = backup.list_frameworks(MaxResults=2, **({'NextToken': token} if token else {}))
        names += [f['FrameworkName'] for f in page['Frameworks']]
        token = page.get('NextToken')
        if not token:
            break
    if names != ['framework_0', 'framework_1', 'framework_2']:
        problems.append(f'list_frameworks pages: {names}')
    modelled_error('CreateFramework', lambda: backup.create_framework(FrameworkName='framework_1', FrameworkControls=[retention]), 'AlreadyExistsException', 400)
    modelled_error('CreateFramework', lambda: backup.create_framework(FrameworkName='x', FrameworkControls=[{'ControlName': 'NOPE'}]),
                   'InvalidParameterValueException', 400)
    modelled_error('DescribeFramework', lambda: backup.describe_framework(FrameworkName='missing'), 'ResourceNotFoundException', 400)

    channel = {'S3BucketName': 'reports', 'S3KeyPrefix': 'backup', 'Formats': ['CSV', 'JSON']}
    backup.create_report_plan(ReportPlanName='compliance', ReportPlanDescription='daily', ReportDeliveryChannel=channel,
                              ReportSetting={'ReportTemplate': 'CONTROL_COMPLIANCE_REPORT', 'FrameworkArns': arns[:2]}, ReportPlanTags={'team': 'sec'})
    backup.create_report_plan(ReportPlanName='jobs', ReportDeliveryChannel={'S3BucketName': 'reports'},
                              ReportSetting={'ReportTemplate': 'BACKUP_JOB_REPORT', 'Regions': ['*'], 'Accounts': ['ROOT']})
    plan = backup.describe_report_plan(ReportPlanName='compliance')['ReportPlan']
    if plan['ReportSetting'].get('NumberOfFrameworks') != 2:
        problems.append(f"describe_report_plan NumberOfFrameworks: {plan['ReportSetting']!r}")
    backup.update_report_plan(ReportPlanName='jobs', ReportSetting={'ReportTemplate': 'COPY_JOB_REPORT'})
    first = backup.list_report_plans(MaxResults=1)
    second = backup.list_report_plans(MaxResults=1, NextToken=first['NextToken'])
    if [p['ReportPlanName'] for p in first['ReportPlans'] + second['ReportPlans']] != ['compliance', 'jobs'] or second.get('NextToken'):
        problems.append('list_report_plans pages lost or repeated plans')
    modelled_error('CreateReportPlan', lambda: backup.create_report_plan(ReportPlanName='other', ReportDeliveryChannel=channel,
                                                                          ReportSetting={'ReportTemplate': 'RESOURCE_COMPLIANCE_REPORT'}),
                   'InvalidParameterValueException', 400)
    modelled_error('CreateReportPlan', lambda: backup.create_report_plan(ReportPlanName='jobs', ReportDeliveryChannel=channel,
                                                                          ReportSetting={'ReportTemplate': 'BACKUP_JOB_REPORT'}),
                   'AlreadyExistsException', 400)
    for name in ('compliance', 'jobs'):
        backup.delete_report_plan(ReportPlanName=name)
    modelled_error('DeleteReportPlan', lambda: backup.delete_report_plan(ReportPlanName='jobs'), 'ResourceNotFoundException', 400)
    modelled_error('DescribeReportPlan', lambda: backup.describe_report_plan(ReportPlanName='jobs'), 'ResourceNotFoundException', 400)
    backup.delete_framework(FrameworkName='framework_2')
    modelled_error('DeleteFramework', lambda: backup.delete_framework(FrameworkName='framework_2'), 'ResourceNotFoundException', 400)
    modelled_error('UpdateFramework', lambda: backup.update_framework(FrameworkName='framework_2', FrameworkControls=[retention]), 'ResourceNotFoundException', 400)


def check_restore_tests():
    """Backup: the restore jobs a restore testing plan started (CreatedBy, ValidationStatus, DeletionStatus),
    by plan and by protected resource, and validation results during and after the window (fixture from
    the restore tests test: one job still validating, one whose window closed)."""
    backup = client('backup')
    modelled_error = modelled_error_checker(backup)
    by_plan = backup.list_restore_jobs(ByRestoreTestingPlanArn=fixture['planArn'])['RestoreJobs']
    if sorted(j['RestoreJobId'] for j in by_plan) != sorted([fixture['validatingJob'], fixture['closedJob']]):
        problems.append(f"list_restore_jobs ByRestoreTestingPlanArn: {[j['RestoreJobId'] for j in by_plan]}")
    if any(j.get('CreatedBy') != {'RestoreTestingPlanArn': fixture['planArn']} for j in by_plan):
        problems.append('list_restore_jobs: a restore test without CreatedBy.RestoreTestingPlanArn')
    closed = backup.describe_restore_job(RestoreJobId=fixture['closedJob'])
    if (closed.get('ValidationStatus'), closed.get('DeletionStatus')) != ('TIMED_OUT', 'SUCCESSFUL'):
        problems.append(f"describe_restore_job (closed window): {closed.get('ValidationStatus')} {closed.get('DeletionStatus')}")
    pages = list(backup.get_paginator('list_restore_jobs_by_protected_resource').paginate(ResourceArn=fixture['resourceArn'], PaginationConfig={'PageSize': 1}))
    if [len(p['RestoreJobs']) for p in pages] != [1, 1]:
        problems.append(f"list_restore_jobs_by_protected_resource pages: {[len(p['RestoreJobs']) for p in pages]}")
    backup.put_restore_validation_result(RestoreJobId=fixture['validatingJob'], ValidationStatus='SUCCESSFUL', ValidationStatusMessage='smoke test passed')
    validated = backup.describe_restore_job(RestoreJobId=fixture['validatingJob'])
    if (validated.get('ValidationStatus'), validated.get('DeletionStatus')) != ('SUCCESSFUL', 'DELETING'):
        problems.append(f"describe_restore_job (validated): {validated.get('ValidationStatus')} {validated.get('DeletionStatus')}")
    modelled_error('PutRestoreValidationResult', lambda: backup.put_restore_validation_result(RestoreJobId=fixture['closedJob'], ValidationStatus='SUCCESSFUL'),
                   'InvalidRequestException', 400)
    modelled_error('PutRestoreValidationResult', lambda: backup.put_restore_validation_result(RestoreJobId=fixture['validatingJob'], ValidationStatus='PASSED'),
                   'InvalidParameterValueException', 400)
    modelled_error('PutRestoreValidationResult', lambda: backup.put_restore_validation_result(RestoreJobId='missing', ValidationStatus='FAILED'),
                   'ResourceNotFoundException', 400)


SECTIONS = {'backup-rule-fields': check_backup_rule_fields, 'restore-testing': check_restore_testing, 'copy-jobs': check_copy_jobs, 'restore-jobs': check_restore_jobs, 'audit-manager': check_audit_manager,
            'restore-tests': check_restore_tests}
def check_report_jobs():
    """Backup Audit Manager report jobs (fixture: a report plan `jobs` whose daily job completed,
    and the objects it wrote): start (idempotent), describe, list page by page with MaxResults and
    NextToken and by each filter, modelled errors; then the objects read with botocore's S3 client
    (ListObjectsV2, HeadObject, GetObject: S3 is rest-xml, so its replies are checked by value)."""
    backup = client('backup')
    modelled_error = modelled_error_checker(backup)

    started = [backup.start_report_job(ReportPlanName='jobs', IdempotencyToken=f'token-{i}')['ReportJobId'] for i in range(2)]
    if backup.start_report_job(ReportPlanName='jobs', IdempotencyToken='token-0')['ReportJobId'] != started[0]:
        problems.append('start_report_job with a used IdempotencyToken started another job')
    job = backup.describe_report_job(ReportJobId=started[0])['ReportJob']
    if job['Status'] != 'CREATED' or job['ReportDestination']['S3BucketName'] != fixture['bucket']:
        problems.append(f'describe_report_job: {job!r}')
    done = backup.describe_report_job(ReportJobId=fixture['completedJob'])['ReportJob']
    if done['Status'] != 'COMPLETED' or sorted(done['ReportDestination']['S3Keys']) != sorted(fixture['keys']):
        problems.append(f'describe_report_job (completed): {done!r}')
    listed, token = [], None
    while True:
        page = backup.list_report_jobs(MaxResults=1, **({'NextToken': token} if token else {}))
        if len(page['ReportJobs']) > 1:
            problems.append('list_report_jobs returned more than MaxResults')
        listed += [j['ReportJobId'] for j in page['ReportJobs']]
        token = page.get('NextToken')
        if not token:
            break
    if sorted(listed) != sorted(started + [fixture['completedJob']]):
        problems.append(f'list_report_jobs pages: {listed}')
    if [j['ReportJobId'] for j in backup.list_report_jobs(ByStatus='COMPLETED')['ReportJobs']] != [fixture['completedJob']]:
        problems.append('list_report_jobs ByStatus=COMPLETED lists other jobs')
    if len(backup.list_report_jobs(ByReportPlanName='jobs', ByCreationAfter=done['CreationTime'])['ReportJobs']) != 2:
        problems.append('list_report_jobs ByCreationAfter kept the earlier job')
    if [j['ReportJobId'] for j in backup.list_report_jobs(ByCreationBefore=job['CreationTime'])['ReportJobs']] != [fixture['completedJob']]:
        problems.append('list_report_jobs ByCreationBefore listed later jobs')
    modelled_error('StartReportJob', lambda: backup.start_report_job(ReportPlanName='missing'), 'ResourceNotFoundException', 400)
    modelled_error('DescribeReportJob', lambda: backup.describe_report_job(ReportJobId='missing'), 'ResourceNotFoundException', 400)
    modelled_error('ListReportJobs', lambda: backup.list_report_jobs(ByStatus='DONE'), 'InvalidParameterValueException', 400)
    modelled_error('ListReportJobs', lambda: backup.list_report_jobs(ByReportPlanName='missing'), 'ResourceNotFoundException', 400)

    s3 = session.create_client('s3', region_name=region, endpoint_url=endpoint,
                               aws_access_key_id='AKIABOTOCORE', aws_secret_access_key='botocore')
    keys = [o['Key'] for o in s3.list_objects_v2(Bucket=fixture['bucket'])['Contents']]
    if sorted(keys) != sorted(fixture['keys']):
        problems.append(f's3 list_objects_v2: {keys}')
    pages = list(s3.get_paginator('list_objects_v2').paginate(Bucket=fixture['bucket'], PaginationConfig={'PageSize': 1}))
    if [len(p.get('Contents', [])) for p in pages] != [1] * len(fixture['keys']):
        problems.append(f"s3 list_objects_v2 pages: {[len(p.get('Contents', [])) for p in pages]}")
    folders = s3.list_objects_v2(Bucket=fixture['bucket'], Delimiter='/')
    if [p['Prefix'] for p in folders.get('CommonPrefixes', [])] != [fixture['keys'][0].split('/')[0] + '/']:
        problems.append(f"s3 list_objects_v2 Delimiter=/: {folders.get('CommonPrefixes')}")
    head = s3.head_object(Bucket=fixture['bucket'], Key=fixture['keys'][0])
    body = s3.get_object(Bucket=fixture['bucket'], Key=fixture['keys'][0])['Body'].read()
    if head['ContentLength'] != len(body) or not body.startswith(b'reportTimePeriodStart,'):
        problems.append(f"s3 head_object/get_object: {head['ContentLength']} bytes, body {body[:60]!r}")
    for call, code in ((lambda: s3.get_object(Bucket=fixture['bucket'], Key='missing.csv'), 'NoSuchKey'),
                       (lambda: s3.list_objects_v2(Bucket='no-such-bucket'), 'NoSuchBucket'),
                       (lambda: s3.head_object(Bucket=fixture['bucket'], Key='missing.csv'), '404')):
        expect_error(call, code, 404)


SECTIONS['report-jobs'] = check_report_jobs
if len(sys.argv) > 4 and sys.argv[4] in SECTIONS:
    SECTIONS[sys.argv[4]]()
    print(json.dumps({'checked': sorted(set(checked)), 'problems': problems}))
    sys.exit(0)

rds = client('rds')
pages = list(rds.get_paginator('describe_db_instances').paginate(PaginationConfig={'PageSize': 20}))
if [len(p['DBInstances']) for p in pages] != [20, fixture['dbInstances'] - 20]:
    problems.append(f"describe_db_instances pages: {[len(p['DBInstances']) for p in pages]}")
rds.describe_db_instances(DBInstanceIdentifier=fixture['dbInstance'])
rds.describe_db_clusters()
expect_error(lambda: rds.describe_db_instances(DBInstanceIdentifier='nope'), 'DBInstanceNotFound', 404)
expect_error(lambda: rds.describe_db_clusters(DBClusterIdentifier='nope'), 'DBClusterNotFoundFault', 404)

efs = client('efs')
pages = list(efs.get_paginator('describe_file_systems').paginate(PaginationConfig={'PageSize': 1}))
if sum(len(p['FileSystems']) for p in pages) != fixture['efsFileSystems']:
    problems.append('describe_file_systems (EFS) pages lost file systems')
expect_error(lambda: efs.describe_file_systems(FileSystemId='fs-0123456789abcdef0'), 'FileSystemNotFound', 404)

fsx = client('fsx')
fsx.describe_file_systems(FileSystemIds=[fixture['fsxFileSystem']])
pages = list(fsx.get_paginator('describe_volumes').paginate(PaginationConfig={'PageSize': 1}))
if sum(len(p['Volumes']) for p in pages) != fixture['fsxVolumes']:
    problems.append('describe_volumes (FSx) pages lost volumes')
expect_error(lambda: fsx.describe_volumes(VolumeIds=['fsvol-0123456789abcdef0']), 'VolumeNotFound', 400)
expect_error(lambda: fsx.describe_file_systems(FileSystemIds=['fs-0123456789abcdef0']), 'FileSystemNotFound', 400)

backup = client('backup')
backup.create_backup_vault(BackupVaultName='standard')
for i in range(3):
    backup.create_logically_air_gapped_backup_vault(BackupVaultName=f'airgap-{i}', MinRetentionDays=7, MaxRetentionDays=35,
                                                    BackupVaultTags={'n': str(i)}, CreatorRequestId=f'req-{i}')
backup.describe_backup_vault(BackupVaultName='airgap-0')
pages = list(backup.get_paginator('list_backup_vaults').paginate(ByVaultType='LOGICALLY_AIR_GAPPED_BACKUP_VAULT', PaginationConfig={'PageSize': 2}))
listed = [v['BackupVaultName'] for p in pages for v in p['BackupVaultList']]
if listed != ['airgap-0', 'airgap-1', 'airgap-2']:
    problems.append(f'list_backup_vaults ByVaultType=LOGICALLY_AIR_GAPPED_BACKUP_VAULT pages: {listed}')
if backup.list_backup_vaults(ByShared=True)['BackupVaultList']:
    problems.append('list_backup_vaults ByShared=True listed vaults the sandbox never shares')
backup.delete_backup_vault(BackupVaultName='airgap-2')
expect_error(lambda: backup.create_logically_air_gapped_backup_vault(BackupVaultName='airgap-0', MinRetentionDays=7, MaxRetentionDays=35),
             'AlreadyExistsException', 400)
expect_error(lambda: backup.create_logically_air_gapped_backup_vault(BackupVaultName='short', MinRetentionDays=1, MaxRetentionDays=35),
             'InvalidParameterValueException', 400)
expect_error(lambda: backup.list_backup_vaults(ByVaultType='NOT_A_TYPE'), 'InvalidParameterValueException', 400)
expect_error(lambda: backup.delete_backup_vault(BackupVaultName='airgap-2'), 'ResourceNotFoundException', 400)


expect_modelled_error = modelled_error_checker(backup)


backup.describe_region_settings()
backup.update_region_settings(ResourceTypeOptInPreference={'DSQL': True, 'Storage Gateway': False},
                              ResourceTypeManagementPreference={'DynamoDB': False})
region_settings = backup.describe_region_settings()
if region_settings['ResourceTypeOptInPreference'].get('DSQL') is not True or region_settings['ResourceTypeOptInPreference'].get('Storage Gateway') is not False:
    problems.append(f"update_region_settings was not kept: {region_settings['ResourceTypeOptInPreference']}")
if region_settings['ResourceTypeManagementPreference'].get('DynamoDB') is not False:
    problems.append(f"update_region_settings (management) was not kept: {region_settings['ResourceTypeManagementPreference']}")
expect_modelled_error('UpdateRegionSettings', lambda: backup.update_region_settings(ResourceTypeOptInPreference={'Dynamo': True}),
                      'InvalidParameterValueException', 400)
backup.describe_global_settings()
backup.update_global_settings(GlobalSettings={'isCrossAccountBackupEnabled': 'true'})
global_settings = backup.describe_global_settings()
if global_settings['GlobalSettings'].get('isCrossAccountBackupEnabled') != 'true':
    problems.append(f"update_global_settings was not kept: {global_settings['GlobalSettings']}")
expect_modelled_error('UpdateGlobalSettings', lambda: backup.update_global_settings(GlobalSettings={'isCrossAccountBackupEnabled': 'yes'}),
                      'InvalidParameterValueException', 400)
expect_modelled_error('UpdateGlobalSettings', lambda: backup.update_global_settings(GlobalSettings={}),
                      'MissingParameterValueException', 400)

# --- AWS Backup: tiering configurations and legal holds -------------------------------------------

selection = [{'Resources': ['*'], 'TieringDownSettingsInDays': 60, 'ResourceType': 'S3'}]
for name, vault in (('all_vaults', '*'), ('held_vault', fixture['backupVault'])):
    backup.create_tiering_configuration(
        TieringConfiguration={'TieringConfigurationName': name, 'BackupVaultName': vault, 'ResourceSelection': selection},
        TieringConfigurationTags={'team': 'storage'}, CreatorRequestId=f'req-{name}')
backup.get_tiering_configuration(TieringConfigurationName='all_vaults')
backup.update_tiering_configuration(TieringConfigurationName='all_vaults', TieringConfiguration={
    'BackupVaultName': '*', 'ResourceSelection': [{'Resources': ['arn:aws:s3:::logs'], 'TieringDownSettingsInDays': 90, 'ResourceType': 'S3'}]})
pages = list(backup.get_paginator('list_tiering_configurations').paginate(PaginationConfig={'PageSize': 1}))
if [len(p['TieringConfigurations']) for p in pages] != [1, 1]:
    problems.append(f"list_tiering_configurations pages: {[len(p['TieringConfigurations']) for p in pages]}")
expect_modelled_error('GetTieringConfiguration', lambda: backup.get_tiering_configuration(TieringConfigurationName='missing'), 'ResourceNotFoundException', 400)
expect_modelled_error('CreateTieringConfiguration', lambda: backup.create_tiering_configuration(TieringConfiguration={
    'TieringConfigurationName': 'all_vaults', 'BackupVaultName': '*', 'ResourceSelection': selection}), 'AlreadyExistsException', 400)
expect_modelled_error('CreateTieringConfiguration', lambda: backup.create_tiering_configuration(TieringConfiguration={
    'TieringConfigurationName': 'second', 'BackupVaultName': '*', 'ResourceSelection': selection}), 'ConflictException', 409)
backup.delete_tiering_configuration(TieringConfigurationName='held_vault')
expect_modelled_error('DeleteTieringConfiguration', lambda: backup.delete_tiering_configuration(TieringConfigurationName='held_vault'), 'ResourceNotFoundException', 400)

holds = [backup.create_legal_hold(Title=f'hold {i}', Description='case 42', IdempotencyToken=f'token-{i}', Tags={'case': '42'},
                                  RecoveryPointSelection={'VaultNames': [fixture['backupVault']],
                                                          'DateRange': {'FromDate': 0, 'ToDate': 4102444800}})
         for i in range(2)]
hold_id = holds[0]['LegalHoldId']
backup.get_legal_hold(LegalHoldId=hold_id)
pages = list(backup.get_paginator('list_legal_holds').paginate(PaginationConfig={'PageSize': 1}))
if [len(p['LegalHolds']) for p in pages] != [1, 1]:
    problems.append(f"list_legal_holds pages: {[len(p['LegalHolds']) for p in pages]}")
pages = list(backup.get_paginator('list_recovery_points_by_legal_hold').paginate(LegalHoldId=hold_id, PaginationConfig={'PageSize': 1}))
if sum(len(p['RecoveryPoints']) for p in pages) != fixture['heldPoints']:
    problems.append(f"list_recovery_points_by_legal_hold pages: {[len(p['RecoveryPoints']) for p in pages]}")
point = pages[0]['RecoveryPoints'][0]['RecoveryPointArn']
expect_modelled_error('DeleteRecoveryPoint', lambda: backup.delete_recovery_point(BackupVaultName=fixture['backupVault'], RecoveryPointArn=point),
                    'InvalidRequestException', 400)
expect_modelled_error('DeleteBackupVault', lambda: backup.delete_backup_vault(BackupVaultName=fixture['backupVault']), 'InvalidRequestException', 400)
expect_modelled_error('GetLegalHold', lambda: backup.get_legal_hold(LegalHoldId='missing'), 'ResourceNotFoundException', 400)
for hold in holds:
    backup.cancel_legal_hold(LegalHoldId=hold['LegalHoldId'], CancelDescription='case closed', RetainRecordInDays=30)
expect_modelled_error('CancelLegalHold', lambda: backup.cancel_legal_hold(LegalHoldId=hold_id, CancelDescription='again'), 'InvalidResourceStateException', 400)
backup.delete_recovery_point(BackupVaultName=fixture['backupVault'], RecoveryPointArn=point)

print(json.dumps({'checked': sorted(set(checked)), 'problems': problems}))
